package io.xsql.spi;

import static java.util.Objects.requireNonNull;

/**
 * One kind of thing a query asked of a source, for the {@code xsql.queries} system table: a scan of a
 * table, a lookup by keys, an SQL statement, an API's requests. A query's operations with equal values are
 * counted together.
 *
 * @param source the catalog's source name
 * @param table the table, or empty when the operation spans several (an SQL statement joining tables)
 * @param kind {@code scan}, {@code lookup}, {@code statement}, {@code requests}...
 * @param request the native request as EXPLAIN shows it: the SQL, the {@code find}, the URL template;
 *     never a credential
 */
public record SourceOperation(String source, String table, String kind, String request) {
  /** Checks the fields. */
  public SourceOperation {
    requireNonNull(source, "source is null");
    requireNonNull(table, "table is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(request, "request is null");
  }

  /**
   * The operation on a table named as messages name it: {@code source.table}, or a file source's name,
   * which is its table's too.
   */
  public static SourceOperation of(String qualifiedTable, String kind, String request) {
    int dot = qualifiedTable.indexOf('.');
    return dot < 0 ? new SourceOperation(qualifiedTable, qualifiedTable, kind, request)
        : new SourceOperation(qualifiedTable.substring(0, dot), qualifiedTable.substring(dot + 1), kind, request);
  }
}
