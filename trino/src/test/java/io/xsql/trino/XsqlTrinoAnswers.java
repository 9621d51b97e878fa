package io.xsql.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/** The answers of Trino and of embedded xsql as comparable text, and how a query's scan spread over nodes. */
final class XsqlTrinoAnswers {
  private XsqlTrinoAnswers() {}

  /**
   * The xsql driver jar in a class loader of its own, as an application would load it: its Calcite (with
   * Guava moved to a private package) must not meet the plain Calcite on this class path.
   */
  static Driver driver() throws Exception {
    Path jar = Path.of(System.getProperty("xsql.jdbc.jar"));
    Path slf4j = Path.of(LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), slf4j.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    return (Driver) loader.loadClass("io.xsql.driver.XsqlDriver").getDeclaredConstructor().newInstance();
  }

  /** The rows of a query in embedded xsql over a catalog file, each as text. */
  static List<String> rows(Driver xsql, Path catalog, String sql) throws SQLException {
    try (Connection c = xsql.connect("jdbc:xsql:catalog=" + catalog, new Properties());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(normalize(rs.getObject(i)));
        }
        out.add(row.toString());
      }
      return out;
    }
  }

  /** The rows of a Trino result, each as text. */
  static List<String> rows(MaterializedResult result) {
    List<String> out = new ArrayList<>();
    for (MaterializedRow row : result.getMaterializedRows()) {
      out.add(row.getFields().stream().map(XsqlTrinoAnswers::normalize).toList().toString());
    }
    return out;
  }

  /**
   * Runs a query and checks that its scan spread over the cluster: the tasks that read at least
   * {@code scanRows} rows (the scans; the final stage reads a few) ran on two nodes or more and completed
   * {@code splits} splits or more.
   *
   * @return the query's rows
   */
  static List<String> spreadRows(DistributedQueryRunner trino, String sql, int splits, int scanRows) {
    QueryRunner.MaterializedResultWithPlan run = trino.executeWithPlan(trino.getDefaultSession(), sql);
    MaterializedResult scans = trino.execute("SELECT count(DISTINCT node_id), sum(completed_splits) "
        + "FROM system.runtime.tasks WHERE query_id = '" + run.queryId() + "' AND processed_input_rows >= "
        + scanRows);
    MaterializedRow row = scans.getMaterializedRows().get(0);
    assertThat((Long) row.getField(0)).as("nodes that read splits of " + sql).isGreaterThanOrEqualTo(2);
    assertThat((Long) row.getField(1)).as("splits of " + sql).isGreaterThanOrEqualTo(splits);
    return rows(run.result());
  }

  /**
   * JDBC's and Trino's classes for the same value, as one text. Decimals compare by value: a DECIMAL without
   * a declared scale (MongoDB's decimal) keeps each value's own scale in embedded xsql, while Trino gives all
   * of them the type's scale, 19.
   */
  private static Object normalize(Object value) {
    return switch (value) {
      case null -> null;
      case java.sql.Date d -> d.toLocalDate();
      case Timestamp t -> t.toLocalDateTime();
      case Short s -> s.intValue();
      case BigDecimal d -> d.stripTrailingZeros().toPlainString();
      case java.sql.Array a -> {
        try {
          yield Arrays.asList((Object[]) a.getArray());
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      default -> value;
    };
  }
}
