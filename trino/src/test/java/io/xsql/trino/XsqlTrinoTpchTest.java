package io.xsql.trino;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.xsql.tck.TpchComparison;
import io.xsql.tck.TpchFixture;
import io.xsql.tck.TpchQueries;
import io.xsql.tck.TpchQuery;
import io.xsql.tck.TpchResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * TPC-H at scale factor 0.01 without databases: part in MongoDB (split by {@code _id} range), the others as
 * files (a source per table; lineitem and orders as JSON Lines, split by byte range), every table served by
 * the xsql connector as {@code xsql export --trino} writes it for a catalog without databases. Queries
 * through a Trino cluster of a coordinator and two workers give the rows embedded xsql gives, compared both
 * ways ({@link TpchComparison}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class XsqlTrinoTpchTest {
  private static final double SCALE_FACTOR = 0.01;
  /**
   * Scans, joins of up to six tables, EXISTS, OR-ed join conditions; Q8 and Q17 test little at this scale
   * (FACTS.md), and the others need syntax only one of the engines reads as the tck writes it. The Trino
   * benchmark ({@link XsqlTrinoBenchmark}) times the same ones.
   */
  static final List<Integer> QUERIES = List.of(1, 3, 4, 5, 6, 10, 12, 14, 19);
  /** Some 30 splits of lineitem's 7 MB of JSON Lines, and two of part's documents. */
  private static final int SPLIT_BYTES = 256 * 1024;

  private final MongoServer mongo = new MongoServer(new MemoryBackend());

  @AutoClose
  private XsqlTrinoCluster cluster;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    String mongoUri = "mongodb://localhost:" + mongo.bind().getPort() + "/?serverSelectionTimeoutMS=2000";
    Path catalog = TpchFixture.writeWithoutDatabases(SCALE_FACTOR, dir, mongoUri);
    cluster = XsqlTrinoCluster.start("tpch", catalog, SPLIT_BYTES);
  }

  @AfterAll
  void stop() {
    mongo.shutdownNow();
  }

  @Test
  void tpchQueriesGiveTheRowsOfEmbeddedXsql() throws SQLException {
    List<String> differences = new ArrayList<>();
    for (int number : QUERIES) {
      TpchQuery query = TpchQueries.get(number);
      TpchResult embedded = embedded(query.withoutDatabasesSql());
      TpchResult viaTrino = XsqlTrinoAnswers.tpchResult(cluster.trino().execute(query.withoutDatabasesSql()));
      assertThat(embedded.rows()).as(query.name()).isNotEmpty();
      TpchComparison.difference(query, embedded, viaTrino).ifPresent(differences::add);
    }
    assertThat(differences).isEmpty();
  }

  private TpchResult embedded(String sql) throws SQLException {
    try (Connection c = cluster.connectXsql();
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return TpchResult.read(rs);
    }
  }
}
