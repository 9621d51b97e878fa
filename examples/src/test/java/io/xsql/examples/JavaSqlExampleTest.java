package io.xsql.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.examples.JavaSqlExample.StockLine;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

final class JavaSqlExampleTest {
  /** Maven runs tests in the module's folder, which holds the demo. */
  private static final Path CATALOG = Path.of("demo/catalog.yaml");

  @Test
  void joinsTheProductsFileWithTheStockListForOneCategory() throws SQLException {
    assertThat(JavaSqlExample.stockOf(CATALOG, "furniture")).containsExactly(
        new StockLine("Birch bookshelf", "Malmö", 12),
        new StockLine("Linen armchair", "Lyon", 7),
        new StockLine("Oak dining table", "Malmö", 4),
        new StockLine("Oak dining table", "Rotterdam", 2),
        new StockLine("Walnut side table", "Lyon", 3));
  }

  @Test
  void theParameterSelectsTheCategory() throws SQLException {
    assertThat(JavaSqlExample.stockOf(CATALOG, "lighting"))
        .containsExactly(new StockLine("Brass floor lamp", "Rotterdam", 30));
    assertThat(JavaSqlExample.stockOf(CATALOG, "garden")).isEmpty();
  }
}
