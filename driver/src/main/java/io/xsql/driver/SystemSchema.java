package io.xsql.driver;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.TableFunctionImpl;

/**
 * The {@code xsql} schema: what the connection did, as tables any SQL client can query. Read-only; a
 * remote user sees only the queries of their own connection.
 */
final class SystemSchema extends AbstractSchema {
  /** The schema's name, which no source may take. */
  static final String NAME = "xsql";

  private final Map<String, Table> tables;

  SystemSchema(Session session, QueryHistory history) {
    this.tables = Map.of("queries", new QueriesTable(history), "sources", new SourcesTable(session),
        "tables", new TablesTable(session), "columns", new ColumnsTable(session));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** The key and index functions ({@link KeyFunctions}). */
  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.of(
        "primary_keys", function("primaryKeys", String.class, String.class),
        "imported_keys", function("importedKeys", String.class, String.class),
        "exported_keys", function("exportedKeys", String.class, String.class),
        "index_info", function("indexInfo", String.class, String.class, boolean.class));
  }

  private static Function function(String method, Class<?>... parameters) {
    try {
      return Objects.requireNonNull(TableFunctionImpl.create(KeyFunctions.class.getMethod(method, parameters)));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
