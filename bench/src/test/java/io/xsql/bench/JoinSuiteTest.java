package io.xsql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join-strategy benchmark's pieces: the keys file, the plan's strategy, PostgreSQL's read counter. */
final class JoinSuiteTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  @TempDir
  Path dir;

  @Test
  void theKeysAreDistinctIdsOfTheTableAndTheSameEveryTime() throws Exception {
    List<String> first = Files.readAllLines(JoinSuite.keys(dir.resolve("a"), 500, 1000));
    List<String> again = Files.readAllLines(JoinSuite.keys(dir.resolve("b"), 500, 1000));
    assertThat(first).hasSize(500).doesNotHaveDuplicates().isEqualTo(again);
    assertThat(first).allSatisfy(l -> assertThat(Long.parseLong(l.replaceAll("[^0-9]", ""))).isBetween(1L, 1000L));
    assertThat(JoinSuite.keyCount(5_000_000)).isEqualTo(10_000);
    assertThat(JoinSuite.keyCount(2_000)).isEqualTo(2_000);
  }

  @Test
  void theStrategyIsReadFromThePlan() {
    assertThat(JoinBench.strategyOf("XsqlLookupJoin(condition=[=($0, $2)], joinType=[inner], strategy=[LOOKUP])"))
        .isEqualTo("LOOKUP");
    assertThat(JoinBench.strategyOf("EnumerableHashJoin(condition=[=($0, $2)], joinType=[left])\n"))
        .isEqualTo("HASH");
    assertThat(JoinBench.strategyOf("EnumerableNestedLoopJoin(condition=[true])")).isEqualTo(
        "Calcite EnumerableNestedLoopJoin");
    assertThat(JoinBench.strategy(List.of("XSQL-BENCH 1 2.0 0 1 1", "XSQL-BENCH-STRATEGY MMAP"))).contains("MMAP");
  }

  @Test
  void hintsGoAfterSelect() {
    assertThat(JoinQuery.Q1_MMAP.sql("")).startsWith("SELECT /*+ MMAP_JOIN(i) */ p.product_id")
        .endsWith(BenchQuery.Q1.sql.substring("SELECT ".length()));
    assertThat(JoinQuery.Q1_AUTO.sql("")).isEqualTo(BenchQuery.Q1.sql);
    assertThat(JoinQuery.LOOKUP_HASH.sql("pg.t")).isEqualTo(
        "SELECT /*+ HASH_JOIN(k) */ k.id, t.amount FROM keys k JOIN pg.t t ON t.id = k.id");
    assertThat(JoinQuery.LOOKUP_HASH.forced()).contains("HASH");
  }

  @Test
  void theReadCounterCountsWhatAnotherSessionRead() throws Exception {
    try (Connection admin = DriverManager.getConnection(URL); Statement s = admin.createStatement()) {
      s.execute("DROP TABLE IF EXISTS xsql_bench_reads_test");
      s.execute("CREATE TABLE xsql_bench_reads_test (id int PRIMARY KEY)");
      s.execute("INSERT INTO xsql_bench_reads_test SELECT generate_series(1, 300)");
      long before = PgTableReads.settled(URL, "xsql_bench_reads_test");
      long rows = 0;
      // Another session, as the child JVM's: its counts reach the statistics when it ends.
      try (Connection other = DriverManager.getConnection(URL); Statement o = other.createStatement();
          ResultSet rs = o.executeQuery("SELECT * FROM xsql_bench_reads_test WHERE id % 2 = 0")) {
        while (rs.next()) {
          rows++;
        }
      }
      long after = PgTableReads.settled(URL, "xsql_bench_reads_test");
      s.execute("DROP TABLE xsql_bench_reads_test");
      // A sequential scan reads every row, not only the 150 it returns.
      assertThat(rows).isEqualTo(150);
      assertThat(after - before).isEqualTo(300);
    }
  }
}
