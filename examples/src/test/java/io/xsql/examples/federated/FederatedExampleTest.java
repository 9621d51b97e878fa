package io.xsql.examples.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The headline query over the shop in its five systems: the local PostgreSQL and MariaDB, an in-memory
 * MongoDB and the loopback API, in a schema and databases of the test's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FederatedExampleTest {
  /** Maven runs tests in the module's folder, which holds the shop's files. */
  private static final Path DATA = Path.of("federated");

  private FederatedShop shop;

  @BeforeAll
  void open() throws ShopException {
    String name = "xsql_fed_" + UUID.randomUUID().toString().substring(0, 8);
    shop = FederatedShop.open(ShopSettings.of(DATA, Map.of()).named(name));
  }

  @AfterAll
  void close() {
    shop.close();
  }

  /** The rows were checked against PostgreSQL holding all five data sets (see the README's example). */
  @Test
  void theHeadlineQueryReturnsTheExpectedRows() throws Exception {
    assertThat(FederatedExample.rows(shop.catalog())).containsExactlyElementsOf(
        Files.readAllLines(DATA.resolve("expected.txt")));
  }

  @Test
  void calcitesOwnJoinsReturnTheSameRows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + shop.catalog() + ";joinStrategies=false");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(FederatedExample.QUERY)) {
      while (rs.next()) {
        rows.add(rs.getString("customer") + " | " + rs.getInt("order_id") + " | " + rs.getString("status"));
      }
    }
    assertThat(rows).containsExactlyElementsOf(FederatedExample.rows(shop.catalog()).stream()
        .map(line -> line.split(" \\| ")).map(v -> v[0] + " | " + v[1] + " | " + v[7]).toList());
  }

  @Test
  void theApiIsAskedOnlyForTheOrdersTheQueryNeeds() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + shop.catalog());
        Statement s = c.createStatement()) {
      s.executeQuery(FederatedExample.QUERY).close(); // the first query samples the API's columns
      int before = shop.apiRequests();
      try (ResultSet rs = s.executeQuery(FederatedExample.QUERY)) {
        while (rs.next()) {
          rs.getObject(1);
        }
        assertThat(warnings(rs)).anySatisfy(w -> assertThat(w)
            .startsWith("source 'shipping', table 'shipments': 1 request, 1 page,"));
      }
      assertThat(shop.apiRequests() - before).as("one batch of the 8 German orders' ids").isEqualTo(1);
    }
  }

  @Test
  void aDatabaseThatIsDownIsNamedWithWhatToDo() {
    ShopSettings down = new ShopSettings(DATA, "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=secret",
        ShopSettings.DEFAULT_MARIADB, Optional.empty(), "xsql_fed_down");
    assertThatThrownBy(() -> FederatedShop.open(down)).isInstanceOf(ShopException.class)
        .hasMessageContaining("PostgreSQL is not reachable at jdbc:postgresql://127.0.0.1:1/test")
        .hasMessageContaining(ShopSettings.POSTGRES_VARIABLE).hasMessageNotContaining("secret");
  }

  private static List<String> warnings(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    for (java.sql.SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
      out.add(w.getMessage());
    }
    return out;
  }
}
