package io.xsql.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MongoDB section: options, the pieces that read a child's output, and a tiny run of the whole suite
 * (rows, plans and counts checked; no time is asserted).
 */
final class MongoSuiteTest {
  @TempDir
  Path dir;

  @Test
  void optionsHaveDefaultsAndAreChecked() {
    BenchSettings defaults = BenchSettings.parse();
    assertThat(defaults.runs("mongo")).isTrue();
    assertThat(defaults.mongo().documents()).isEqualTo(1_000_000);
    assertThat(defaults.mongo().customers()).isEqualTo(100_000);
    assertThat(defaults.mongo().keys()).isEqualTo(1000);
    assertThat(defaults.mongo().csv()).isEqualTo(Path.of("bench/results/benchmarks-mongo.csv"));
    assertThat(BenchSettings.parse("--suites", "main,tpch").runs("mongo")).isFalse();
    assertThatThrownBy(() -> BenchSettings.parse("--mongo-docs", "5000", "--mongo-keys", "501"))
        .hasMessageContaining("--mongo-keys must be between 1 and the number of customers (--mongo-docs / 10 = 500)");
    assertThatThrownBy(() -> BenchSettings.parse("--mongo-docs", "9")).hasMessageContaining("at least 10");
  }

  @Test
  void theFindAndTheStrategyAreReadFromThePlan() {
    MongoResult scan = result(MongoCase.SCAN_XSQL, "XsqlEnumerableScan(table=[[shop, orders]], columns=[[_id, total]],"
        + " source=[collection shop.orders find {\"$and\": [{\"status\": {\"$eq\": \"shipped\"}}]}])");
    assertThat(scan.find()).contains("find {\"$and\": [{\"status\": {\"$eq\": \"shipped\"}}]}");
    MongoResult lookup = result(MongoCase.LOOKUP_AUTO, "XsqlLookupJoin(strategy=[LOOKUP], joinType=[inner],"
        + " request=[collection shop.orders find {\"customer\": {\"$in\": [\"<keys>\"]}}])");
    assertThat(lookup.find()).contains("find {\"customer\": {\"$in\": [\"<keys>\"]}}");
    assertThat(lookup.strategy()).contains("LOOKUP");
    assertThat(result(MongoCase.LOOKUP_HASH, "EnumerableHashJoin(condition=[=($1, $3)], joinType=[inner])")
        .ranAsForced()).isTrue();
    assertThat(MongoBench.checksum(List.of("2|b", "1|a"))).isEqualTo(MongoBench.checksum(List.of("1|a", "2|b")));
  }

  @Test
  void aSmallRunAgreesOnRowsAndWritesItsSection() throws Exception {
    Path md = dir.resolve("b.md");
    Files.writeString(md, "# Benchmarks\n\nthe main part\n");
    BenchSettings settings = BenchSettings.parse("--suites", "mongo", "--mongo-docs", "20000", "--mongo-keys", "100",
        "--warm-runs", "1", "--data", dir.resolve("data").toString(), "--out", md.toString(),
        "--mongo-csv", dir.resolve("m.csv").toString());
    assertThat(new Harness(settings).run()).isEmpty();

    String section = Files.readString(md);
    assertThat(section).startsWith("# Benchmarks\n\nthe main part\n").contains(ReportSection.MONGO.begin())
        .contains("`listIndexes` after `createIndex`: _id_, customer_1")
        .contains("xsql's EXPLAIN shows `find {\"$and\": [{\"status\": {\"$eq\": \"shipped\"}}, {\"total\": {\"$gt\":"
            + " 500.0}}]}`")
        // xsql's find and the driver's first case: the same projection, as the server received it.
        .containsPattern("\\| MongoDB Java driver, xsql's find \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| [0-9]+"
            + " \\| 1,901 \\|  \\| `\\{\"_id\" : 1, \"total\" : 1, \"status\" : 1}` \\| 0 \\| 1,901 \\| [0-9.]+ \\|")
        .containsPattern("\\| xsql \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| [0-9]+ \\| 1,901 \\| yes \\|"
            + " `\\{\"_id\" : 1, \"total\" : 1, \"status\" : 1}` \\| 0 \\| 2,901 \\| [0-9.]+ \\|")
        .containsPattern("\\| MongoDB Java driver, projecting `_id`, `total` only \\| .* \\| 1,901 \\| yes \\|"
            + " `\\{\"_id\" : 1, \"total\" : 1}` \\|")
        .containsPattern("\\| xsql, -Xmx64m \\| n/a \\| [0-9.]+ \\| [0-9]+ \\| [0-9]+ \\| 1,901 \\|")
        // The lookup's $in finds return exactly the matching documents; the hash plan reads the collection
        // whole; both also read xsql's sample of 1,000 documents.
        .containsPattern("\\| xsql's choice \\| LOOKUP \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| 1,049 \\| 1,049"
            + " \\| 1,000 \\|")
        .containsPattern("\\| `/\\*\\+ HASH_JOIN\\(k\\) \\*/` \\| HASH \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| 1,049"
            + " \\| 0 \\| 21,000 \\|")
        // On _id, one document per key, all of them joining.
        .containsPattern("### Lookup join on `_id`[^#]*\\| xsql's choice \\| LOOKUP \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+"
            + " \\| 100 \\| 100 \\| 1,000 \\|")
        .containsPattern("### Lookup join on `_id`[^#]*\\| `/\\*\\+ HASH_JOIN\\(k\\) \\*/` \\| HASH \\| [0-9.]+ \\|"
            + " [0-9.]+ \\| [0-9]+ \\| 100 \\| 0 \\| 21,000 \\|")
        .contains("documents returned to `$in` finds: 100 for 100 rows")
        .doesNotContain("**no**")
        .contains("The same rows from both plans (sorted checksums): yes.")
        .contains("| xsql's scan completes with -Xmx64m | finished in ")
        .contains("same projection received: yes")
        .endsWith(ReportSection.MONGO.end() + "\n");
    List<String> csv = Files.readAllLines(dir.resolve("m.csv"));
    for (MongoCase q : MongoCase.values()) {
      assertThat(csv).anyMatch(l -> l.startsWith(q + "," + q.engine.name().toLowerCase() + ","));
    }
    assertThat(csv).anyMatch(l -> l.startsWith("INDEX_ID,driver,timed,1,100,"));
  }

  private static MongoResult result(MongoCase q, String plan) {
    return new MongoResult(q, Optional.empty(), List.of(), Optional.empty(), List.of(plan), Optional.empty(),
        Optional.empty(), "");
  }
}
