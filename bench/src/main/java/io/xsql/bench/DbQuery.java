package io.xsql.bench;

import java.util.Locale;

/**
 * The database benchmark's queries over one PostgreSQL table, each pushed down whole by xsql: the same
 * SQL runs through plain JDBC against the table and through xsql against {@code pg.TABLE}.
 */
enum DbQuery {
  D1("full scan", "SELECT id, category, amount, title, created FROM %s"),
  D2("filter", "SELECT id, amount FROM %s WHERE category = 7"),
  D3("aggregate", "SELECT category, COUNT(*), SUM(amount) FROM %s GROUP BY category"),
  D4("LIMIT 10", "SELECT id, category, amount, title, created FROM %s LIMIT 10");

  final String label;
  private final String sql;

  DbQuery(String label, String sql) {
    this.label = label;
    this.sql = sql;
  }

  /** The SQL over a table name (qualified or not). */
  String sql(String table) {
    return String.format(Locale.ROOT, sql, table);
  }
}
