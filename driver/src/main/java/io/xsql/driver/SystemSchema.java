package io.xsql.driver;

import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

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
}
