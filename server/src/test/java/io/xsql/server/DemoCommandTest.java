package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DemoCommandTest {
  /** Tests run in the module's folder; the demo lies in the examples module. */
  private static final String CATALOG = "../examples/demo/catalog.yaml";

  @Test
  void demoJoinsCsvJsonlAndAJavaListThenExplains() {
    CommandRun run = CommandRun.of("demo", "--catalog", CATALOG);

    assertThat(run.out()).startsWith("Joining suppliers.csv (CSV) with products.jsonl (JSONL) and prices")
        .contains(" Atelier Dupont, SARL | France  | Linen armchair     |   549.00 | EUR")
        .contains(" Kyoto Ceramics       | Japan   | Tea bowl set       | 12500.00 | JPY")
        .contains("(10 rows)")
        .contains("XsqlEnumerableScan(table=[[main, prices]]")
        .contains("XsqlEnumerableScan(table=[[main, suppliers]]")
        .contains("XsqlEnumerableScan(table=[[main, products]]");
    // The one product without a price drops out of the inner join.
    assertThat(run.out()).doesNotContain("Walnut side table");
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
  }

  @Test
  void theFederatedDemoJoinsFiveSystemsAndShowsWhatEachWasAsked() {
    CommandRun run = CommandRun.of("demo", "federated", "--data", "../examples/federated");

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("FROM crm.customers c")
        .contains(" Lena Fischer |        8 | 2026-09-03 | Descaler (6 pack) |        1 |  19.99 | GLS     | delivered  |     5")
        .contains("(8 rows)")
        .contains("JdbcTableScan(table=[[crm, customers]])")
        .contains("WHERE \"c1\" = ANY(?)")
        .contains("source=[collection xsql_demo.reviews find")
        .contains("  shipping  requests    1 call ,   8 rows  GET http://127.0.0.1:")
        .contains("  shipping  lookup      1 call ,   8 rows  GET http://127.0.0.1:")
        .contains("  sales     statement   1 call ,   8 rows  COPY (SELECT ")
        // MariaDB filters the customers first (its collation is looser than xsql's check, which follows),
        // and sends the columns the query reads only.
        .contains("  crm       statement   1 call ,   5 rows  SELECT `customer_id`, `name`, `country`"
            + " FROM `xsql_demo`.`customers` WHERE `country` = 'DE'");
  }

  @Test
  void theFederatedDemoSaysWhichServerIsDownAndHowToStartIt() {
    CommandRun run = CommandRun.of("demo", "federated", "--data", "../examples/federated", "--mariadb",
        "jdbc:mariadb://127.0.0.1:1/?user=root&password=hush");

    assertThat(run.code()).isEqualTo(XsqlCommand.FAILED);
    assertThat(run.err()).startsWith("xsql: MariaDB is not reachable at jdbc:mariadb://127.0.0.1:1/")
        .contains("--mariadb URL").doesNotContain("hush").doesNotContain("\tat ");
  }

  @Test
  void demoWithoutItsCatalogFailsSaying() {
    CommandRun run = CommandRun.of("demo", "--catalog", "no/such/catalog.yaml");

    assertThat(run.err()).startsWith("xsql: cannot find the demo catalog").contains("--catalog FILE");
    assertThat(run.code()).isEqualTo(XsqlCommand.FAILED);
  }

  @Test
  void catalogIsLookedForUnderHomeThenHereUnlessGiven() {
    assertThat(DemoCommand.candidates(Optional.of("mine.yaml"), Optional.of("/opt/xsql"), DemoCommand.CATALOG))
        .containsExactly(Path.of("mine.yaml"));
    assertThat(DemoCommand.candidates(Optional.empty(), Optional.of("/opt/xsql"), DemoCommand.CATALOG))
        .containsExactly(Path.of("/opt/xsql/examples/demo/catalog.yaml"),
            Path.of("examples/demo/catalog.yaml"));
    assertThat(DemoCommand.candidates(Optional.empty(), Optional.empty(), DemoCommand.CATALOG))
        .containsExactly(Path.of("examples/demo/catalog.yaml"));
  }
}
