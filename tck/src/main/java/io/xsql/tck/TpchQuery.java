package io.xsql.tck;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the 22 TPC-H queries with the specification's validation parameters, as xsql reads it over
 * {@link TpchLayout} ({@code pg.lineitem}, {@code my.customer}, {@code mg.part}, {@code partsupp}...).
 *
 * @param number 1 to 22
 * @param sql the text for xsql
 * @param reference the same question written for a database holding all tables, where the text without
 *     source prefixes would not finish there (PostgreSQL runs Q17's and Q20's correlated subqueries once
 *     per row); empty for the others
 */
public record TpchQuery(int number, String sql, Optional<String> reference) {
  /** Database sources' prefixes, removed for a database holding all eight tables. */
  private static final Pattern SOURCE_PREFIX = Pattern.compile(
      "\\b(?:" + TpchLayout.POSTGRES_SOURCE + "|" + TpchLayout.MARIADB_SOURCE + "|" + TpchLayout.MONGODB_SOURCE
          + ")\\.(?=[a-z])");
  /** The prefixes of the database sources, whose tables {@link TpchFixture#writeWithoutDatabases} writes as files. */
  private static final Pattern DATABASE_PREFIX = Pattern.compile(
      "\\b(?:" + TpchLayout.POSTGRES_SOURCE + "|" + TpchLayout.MARIADB_SOURCE + ")\\.(?=[a-z])");
  private static final Pattern ORDER_BY = Pattern.compile("(?is).*\\border\\s+by\\s+(.*?)(?:\\blimit\\s+\\d+\\s*)?$");
  private static final Pattern ORDER_KEY = Pattern.compile("(?i)\"?(\\w+)\"?(?:\\s+(asc|desc))?");

  /** Checks the fields. */
  public TpchQuery {
    requireNonNull(sql, "sql is null");
    requireNonNull(reference, "reference is null");
  }

  /** A query whose reference is its own text without source prefixes. */
  public TpchQuery(int number, String sql) {
    this(number, sql, Optional.empty());
  }

  /** {@code Q1} ... {@code Q22}. */
  public String name() {
    return "Q" + number;
  }

  /**
   * The same query over {@link TpchFixture#writeWithoutDatabases}: the databases' tables as file sources under
   * their own names ({@code lineitem}), part still in MongoDB ({@code mg.part}).
   */
  public String withoutDatabasesSql() {
    return DATABASE_PREFIX.matcher(sql).replaceAll("");
  }

  /**
   * The same query for a database holding all eight tables under their own names ({@code lineitem}): the
   * {@link #reference} if there is one, else the text without source prefixes.
   */
  public String referenceSql() {
    return reference.orElseGet(() -> SOURCE_PREFIX.matcher(sql).replaceAll(""));
  }

  /**
   * The keys of the final ORDER BY (empty when there is none). The TPC-H queries order by result columns
   * only, by name; rows equal in these keys may come in any order.
   */
  public List<TpchOrderKey> orderBy() {
    Matcher m = ORDER_BY.matcher(sql.strip());
    if (!m.matches()) {
      return List.of();
    }
    String keys = m.group(1).strip();
    if (keys.contains(")")) {
      throw new IllegalStateException(name() + ": the last ORDER BY is not the query's own");
    }
    List<TpchOrderKey> out = new ArrayList<>();
    for (String key : keys.split(",")) {
      Matcher k = ORDER_KEY.matcher(key.strip());
      if (!k.matches()) {
        throw new IllegalStateException(name() + ": ORDER BY key is not a column name: " + key);
      }
      out.add(new TpchOrderKey(k.group(1), "desc".equals(k.group(2) == null ? "" : k.group(2).toLowerCase(Locale.ROOT))));
    }
    return List.copyOf(out);
  }
}
