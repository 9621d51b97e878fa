package io.xsql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the whole harness: every engine, every query, cold and warm. */
final class HarnessTest {
  @TempDir
  Path dir;

  @Test
  void aSmokeRunAgreesOnRowsAndWritesTheReport() throws Exception {
    BenchSettings settings = BenchSettings.parse("--scales", "300", "--cold-runs", "1", "--warm-runs", "1",
        "--big-scan-mb", "1", "--db-rows", "2000",
        "--data", dir.resolve("data").toString(), "--out", dir.resolve("b.md").toString(),
        "--csv", dir.resolve("b.csv").toString(), "--suites", "main");
    List<String> mismatches = new Harness(settings).run();
    assertThat(mismatches).isEmpty();
    String md = Files.readString(dir.resolve("b.md"));
    assertThat(md).contains("## 300 products").contains("| xsql |").contains("| duckdb |")
        .contains("| calcite |").contains("| h2 |").contains("All engines returned the same number of rows")
        .contains("300 products: xsql Q1 with -Xmx64m finished").contains("## Targets")
        .containsPattern("1 MB JSON Lines: xsql scan .* with -Xmx64m finished")
        .containsPattern("\\| xsql \\| [0-9.]+ \\| [0-9]+ \\| [0-9.]+ \\| [0-9]+ \\|")
        .contains("## PostgreSQL table of 2,000 rows").contains("2,000 rows stream through xsql with -Xmx256m | 2,000 rows")
        .contains("Where a cold run's time goes")
        .containsPattern("\\| xsql \\| Q1 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| -?[0-9.]+ \\|"
            // classes loaded, JIT time, planning alone in a fresh JVM and again
            + " [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|")
        .containsPattern("\\| duckdb \\| Q4 \\| [0-9.]+ \\|");
    assertThat(md.substring(0, md.indexOf("## Targets"))).as("every engine ran every query")
        .doesNotContain("n/a |");
    // The join strategies may fail while the planner is unfinished; the section must be there regardless.
    assertThat(md).contains("## Join strategies").contains("| Q1 merge at 300: ").contains("| Q1 mmap at 300: ")
        .contains("| lookup of 2,000 keys reads about 2,000 rows").contains("| lookup at least 20x faster");
    List<String> csv = Files.readAllLines(dir.resolve("b.csv"));
    for (JoinQuery q : JoinQuery.values()) {
      assertThat(csv).anyMatch(l -> l.contains(",xsql," + q + ","));
    }
    // 4 engines x 4 queries, cold and warm; xsql and DuckDB scan the images twice, warm; JDBC and xsql
    // read the database table with 4 queries, warm; then the join strategies' rows.
    assertThat(csv.stream().filter(l -> !l.split(",")[2].contains("_"))).hasSize(1 + 4 * 4 * 2 + 2 * 2 + 2 * 4);
    assertThat(csv.stream().filter(l -> l.contains(",Q4,cold,")).map(l -> l.split(",")[5]).distinct()).hasSize(1);
  }

  @Test
  void theJavaGeneratorWritesWhatThePythonScriptWrites() throws IOException {
    ProductsImages.generate(dir, 1000, 42);
    // Checksums of the Python script's output for 1000 products, seed 42.
    assertThat(md5(dir.resolve("products.jsonl"))).isEqualTo("1e015a7e126cef47f2cf984344582eae");
    assertThat(md5(dir.resolve("images.jsonl"))).isEqualTo("eac05cb6e824e3e362a07ad467365314");
  }

  @Test
  void badOptionsAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchSettings.parse("--scale", "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad option --scale");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchSettings.parse("--engines", "sqlite"))
        .hasMessageContaining("unknown engine 'sqlite'");
  }

  private static String md5(Path file) throws IOException {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
