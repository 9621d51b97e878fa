package io.xsql.bench;

/**
 * The cases of the sorted-input section: a GROUP BY and a running SUM over one CSV file of (k, t, v),
 * sorted on (k, t) with four rows per k, in xsql with the file declared {@code sorted_by: [k, t]} (sorted
 * aggregate, streaming window), in xsql undeclared (hash aggregate, Calcite's window operator) and in
 * DuckDB reading the file.
 */
enum SortedCase {
  GROUP_BY_SORTED(Query.GROUP_BY, "xsql", "sorted"),
  GROUP_BY_HASHED(Query.GROUP_BY, "xsql", "plain"),
  GROUP_BY_DUCKDB(Query.GROUP_BY, "duckdb", "s"),
  RUNNING_SUM_SORTED(Query.RUNNING_SUM, "xsql", "sorted"),
  RUNNING_SUM_BUFFERED(Query.RUNNING_SUM, "xsql", "plain"),
  RUNNING_SUM_DUCKDB(Query.RUNNING_SUM, "duckdb", "s");

  /** The two queries, over a table named by {@code %s}. */
  enum Query {
    GROUP_BY("SELECT k, COUNT(*), SUM(v), MAX(t) FROM %s GROUP BY k"),
    RUNNING_SUM("SELECT k, t, SUM(v) OVER (PARTITION BY k ORDER BY t ROWS UNBOUNDED PRECEDING) FROM %s");

    final String sql;

    Query(String sql) {
      this.sql = sql;
    }
  }

  final Query query;
  final String engine;
  final String table;

  SortedCase(Query query, String engine, String table) {
    this.query = query;
    this.engine = engine;
    this.table = table;
  }

  String sql() {
    return query.sql.formatted(table);
  }

  /** Whether xsql reads the file as sorted: its first row comes before the whole input is read. */
  boolean streams() {
    return table.equals("sorted");
  }

  boolean xsql() {
    return engine.equals("xsql");
  }

  /** The DuckDB case of the same query, which the others are compared with. */
  SortedCase peer() {
    return query == Query.GROUP_BY ? GROUP_BY_DUCKDB : RUNNING_SUM_DUCKDB;
  }

  /** The catalog of the xsql cases: the same file declared sorted and not. */
  static String catalog(String file) {
    String columns = "columns: { k: INTEGER, t: INTEGER, v: INTEGER }";
    return "sources:\n"
        + "  sorted: { type: csv, path: '" + file + "', " + columns + ", sorted_by: [k, t] }\n"
        + "  plain: { type: csv, path: '" + file + "', " + columns + " }\n";
  }
}
