package io.xsql.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import io.xsql.tck.TpchResult;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The answers of Trino and of embedded xsql as comparable text or TPC-H results, and how a query's scan spread
 * over nodes.
 */
final class XsqlTrinoAnswers {
  private XsqlTrinoAnswers() {}

  /** The rows of a JDBC result, each as text. */
  static List<String> rows(ResultSet rs) throws SQLException {
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

  /** The rows of a Trino result, each as text. */
  static List<String> rows(MaterializedResult result) {
    List<String> out = new ArrayList<>();
    for (MaterializedRow row : result.getMaterializedRows()) {
      out.add(row.getFields().stream().map(XsqlTrinoAnswers::normalize).toList().toString());
    }
    return out;
  }

  /**
   * Trino's rows as {@link TpchResult#read} gives JDBC's (numbers as decimals, dates as ISO text), for
   * {@link io.xsql.tck.TpchComparison}.
   */
  static TpchResult tpchResult(MaterializedResult result) {
    List<List<Object>> rows = new ArrayList<>();
    for (MaterializedRow row : result.getMaterializedRows()) {
      rows.add(row.getFields().stream().map(XsqlTrinoAnswers::tpchValue).toList());
    }
    return new TpchResult(result.getColumnNames(), rows);
  }

  private static Object tpchValue(Object value) {
    return switch (value) {
      case null -> null;
      case BigDecimal d -> d;
      case Double d -> BigDecimal.valueOf(d);
      case Number n -> BigDecimal.valueOf(n.longValue());
      case LocalDate d -> d.toString();
      default -> value.toString();
    };
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
