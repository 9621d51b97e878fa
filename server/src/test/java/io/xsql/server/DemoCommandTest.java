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
  void demoWithoutItsCatalogFailsSaying() {
    CommandRun run = CommandRun.of("demo", "--catalog", "no/such/catalog.yaml");

    assertThat(run.err()).startsWith("xsql: cannot find the demo catalog").contains("--catalog FILE");
    assertThat(run.code()).isEqualTo(XsqlCommand.FAILED);
  }

  @Test
  void catalogIsLookedForUnderHomeThenHereUnlessGiven() {
    assertThat(DemoCommand.candidates(Optional.of("mine.yaml"), Optional.of("/opt/xsql")))
        .containsExactly(Path.of("mine.yaml"));
    assertThat(DemoCommand.candidates(Optional.empty(), Optional.of("/opt/xsql")))
        .containsExactly(Path.of("/opt/xsql/examples/demo/catalog.yaml"),
            Path.of("examples/demo/catalog.yaml"));
    assertThat(DemoCommand.candidates(Optional.empty(), Optional.empty()))
        .containsExactly(Path.of("examples/demo/catalog.yaml"));
  }
}
