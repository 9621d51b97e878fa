package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory claim of sorted input, in JVMs of 32 MiB of heap: over 2,000,000 rows in 500,000 groups, a
 * GROUP BY and a running SUM over a file declared sorted complete, holding one group or partition; the
 * same queries over the same file undeclared (a hash aggregate, Calcite's window operator) run out of
 * memory.
 */
final class SortedMemoryTest {
  private static final int ROWS = 2_000_000;
  private static final String HEAP = "-Xmx32m";
  private static final String GROUP_BY = "SELECT k, COUNT(*), SUM(v), MAX(t) FROM %s GROUP BY k";
  private static final String RUNNING_SUM =
      "SELECT k, t, SUM(v) OVER (PARTITION BY k ORDER BY t ROWS UNBOUNDED PRECEDING) FROM %s";

  @TempDir
  static Path dir;
  private static Path catalog;

  @BeforeAll
  static void write() throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("s.csv"), StandardCharsets.UTF_8)) {
      out.write("k,t,v\n");
      for (int i = 0; i < ROWS; i++) {
        out.write(Integer.toString(i / 4));
        out.write(',');
        out.write(Integer.toString(i % 4));
        out.write(',');
        out.write(Integer.toString(i % 97));
        out.write('\n');
      }
    }
    catalog = Fixtures.write(dir.resolve("c.yaml"), "sources:\n"
        + "  sorted: { type: csv, path: s.csv, columns: { k: INTEGER, t: INTEGER, v: INTEGER }, sorted_by: [k, t] }\n"
        + "  plain: { type: csv, path: s.csv, columns: { k: INTEGER, t: INTEGER, v: INTEGER } }\n");
  }

  @Test
  void sortedGroupByCompletesInThirtyTwoMegabytesWhereTheHashAggregateDoesNot() throws Exception {
    assertThat(probe(GROUP_BY.formatted("sorted"))).contains("rows=" + ROWS / 4)
        .noneMatch(l -> l.startsWith("error="));
    assertThat(String.join("\n", probe(GROUP_BY.formatted("plain")))).contains("OutOfMemoryError");
  }

  @Test
  void runningSumCompletesInThirtyTwoMegabytesWhereCalcitesWindowDoesNot() throws Exception {
    assertThat(probe(RUNNING_SUM.formatted("sorted"))).contains("rows=" + ROWS)
        .noneMatch(l -> l.startsWith("error="));
    assertThat(String.join("\n", probe(RUNNING_SUM.formatted("plain")))).contains("OutOfMemoryError");
  }

  /** What {@link MemoryProbe} printed running {@code sql} in a JVM with {@link #HEAP}. */
  private static List<String> probe(String sql) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        MemoryProbe.class.getName(), catalog.toString(), sql));
    Path out = dir.resolve("probe.out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("probe ran over 120 s: " + sql);
    }
    return Files.readAllLines(out);
  }
}
