package io.xsql.jdbc;

import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * The statement of a database lookup: the subtree's SQL as a derived table, filtered by the key tuples as
 * bind parameters. PostgreSQL takes each key column as one array ({@code k = ANY(?)}, and composite keys as
 * {@code (k1, k2) IN (SELECT * FROM unnest(?, ?))}, which it runs as a hashed semi-join where a list of row
 * values is tested one by one for every row), so the statement is the same for every batch; otherwise an
 * IN list has one parameter per value.
 *
 * @param select {@code SELECT * FROM (<subtree>) AS "t" WHERE }
 * @param keys the key columns as the condition compares them, quoted
 * @param kind the database family
 */
record JdbcLookupSql(String select, List<String> keys, JdbcKind kind) {
  JdbcLookupSql {
    keys = List.copyOf(keys);
    if (!select.endsWith(" WHERE ")) {
      throw new IllegalArgumentException("the lookup's select must end with its WHERE: " + select);
    }
  }

  /** Whether the keys bind as PostgreSQL arrays, one per key column. */
  boolean isArray() {
    return kind == JdbcKind.POSTGRES;
  }

  /**
   * The most key tuples one statement takes: PostgreSQL's arrays are cheap up to a point (one array of
   * single keys, which PostgreSQL hashes, goes further than the unnested arrays of composite keys);
   * otherwise the bind parameter limits (PostgreSQL's driver 32,767, MySQL's protocol 65,535) and, for
   * unknown databases, a conservative 1,000.
   */
  int maxBatchSize() {
    int n = keys.size();
    return switch (kind) {
      case POSTGRES -> n == 1 ? 100_000 : 10_000;
      case MYSQL -> Math.min(10_000, 65_535 / n);
      case GENERIC -> Math.max(1, 1_000 / n);
    };
  }

  /** The statement for a batch of this many key tuples. */
  String sql(int tuples) {
    if (isArray()) {
      return arrays(Collections.nCopies(keys.size(), "?"));
    }
    StringBuilder out = new StringBuilder(select.length() + tuples * (4 * keys.size() + 4));
    out.append(select);
    if (keys.size() == 1) {
      out.append(keys.get(0)).append(" IN (");
      for (int t = 0; t < tuples; t++) {
        out.append(t == 0 ? "?" : ", ?");
      }
      return out.append(')').toString();
    }
    if (kind == JdbcKind.GENERIC) {
      // Row values in IN lists are not everywhere (SQL Server, Derby): a disjunction is.
      for (int t = 0; t < tuples; t++) {
        out.append(t == 0 ? "(" : " OR (").append(conjunction()).append(')');
      }
      return out.toString();
    }
    out.append('(').append(String.join(", ", keys)).append(") IN (");
    String tuple = "(" + "?, ".repeat(keys.size() - 1) + "?)";
    for (int t = 0; t < tuples; t++) {
      out.append(t == 0 ? "" : ", ").append(tuple);
    }
    return out.append(')').toString();
  }

  /**
   * The statement with each key column's array written in rather than bound: COPY, which PostgreSQL runs
   * with parallel workers, takes no bind parameters.
   *
   * @param arrays a PostgreSQL array expression per key column
   */
  String sql(List<String> arrays) {
    if (!isArray() || arrays.size() != keys.size()) {
      throw new IllegalArgumentException("a PostgreSQL lookup on " + keys + " takes an array per key column, not "
          + arrays.size());
    }
    return arrays(arrays);
  }

  private String arrays(List<String> arrays) {
    return keys.size() == 1 ? select + keys.get(0) + " = ANY(" + arrays.get(0) + ")"
        : select + "(" + String.join(", ", keys) + ") IN (SELECT * FROM unnest(" + String.join(", ", arrays) + "))";
  }

  /** The statement for every row, whatever its keys: the subtree's SQL without the key condition. */
  String scan() {
    return select.substring(0, select.length() - " WHERE ".length());
  }

  /** The statement with its placeholders for one tuple, and "..." for the others. */
  String describe() {
    String one = sql(1);
    if (isArray()) {
      return one;
    }
    if (keys.size() > 1 && kind == JdbcKind.GENERIC) {
      return one + " OR ...";
    }
    return one.substring(0, one.length() - 1) + ", ...)";
  }

  private String conjunction() {
    StringJoiner and = new StringJoiner(" AND ");
    keys.forEach(k -> and.add(k + " = ?"));
    return and.toString();
  }
}
