package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.LimitApplicationResult;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SchemaTablePrefix;
import io.trino.spi.predicate.TupleDomain;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.Predicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's schemas, tables and columns as Trino lists them, and what a query may push into a scan:
 * filters the table accepts and a limit. Column pruning needs nothing here: a scan reads only the columns
 * Trino hands the record set provider.
 */
public final class XsqlTrinoMetadata implements ConnectorMetadata {
  private final XsqlTrinoSources sources;

  XsqlTrinoMetadata(XsqlTrinoSources sources) {
    this.sources = requireNonNull(sources, "sources is null");
  }

  @Override
  public List<String> listSchemaNames(ConnectorSession session) {
    return sources.schemaNames();
  }

  @Override
  public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schema) {
    return List.copyOf(sources.tables(schema).keySet());
  }

  @Override
  public ConnectorTableHandle getTableHandle(ConnectorSession session, SchemaTableName name,
      Optional<ConnectorTableVersion> startVersion, Optional<ConnectorTableVersion> endVersion) {
    if (startVersion.isPresent() || endVersion.isPresent()) {
      throw new TrinoException(XsqlTrinoErrorCode.XSQL_NOT_SUPPORTED, "xsql tables have no versions");
    }
    // Trino's contract for a table that does not exist is null.
    return sources.table(name).map(t -> new XsqlTrinoTableHandle(name)).orElse(null);
  }

  @Override
  public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle table) {
    XsqlTrinoTableHandle handle = (XsqlTrinoTableHandle) table;
    return new ConnectorTableMetadata(handle.name(),
        columns(handle.name()).stream().map(XsqlTrinoColumnHandle::metadata).toList());
  }

  @Override
  public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle table) {
    Map<String, ColumnHandle> out = new LinkedHashMap<>();
    for (XsqlTrinoColumnHandle c : columns(((XsqlTrinoTableHandle) table).name())) {
      out.put(c.metadata().getName(), c);
    }
    return out;
  }

  @Override
  public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle table,
      ColumnHandle column) {
    return ((XsqlTrinoColumnHandle) column).metadata();
  }

  @Override
  public Map<SchemaTableName, List<ColumnMetadata>> listTableColumns(ConnectorSession session,
      SchemaTablePrefix prefix) {
    Map<SchemaTableName, List<ColumnMetadata>> out = new LinkedHashMap<>();
    sources.tables(prefix.getSchema()).forEach((name, table) -> {
      if (prefix.getTable().map(name.getTableName()::equals).orElse(true)) {
        out.put(name, columns(name, table).stream().map(XsqlTrinoColumnHandle::metadata).toList());
      }
    });
    return out;
  }

  /**
   * Takes the parts of the filter the table accepts into the handle. Trino keeps the whole filter and
   * checks it again: a source's comparison of text or decimals need not match Trino's to the last detail
   * for the answer to be right.
   */
  @Override
  public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(ConnectorSession session,
      ConnectorTableHandle table, Constraint constraint) {
    XsqlTrinoTableHandle handle = (XsqlTrinoTableHandle) table;
    TupleDomain<ColumnHandle> merged = handle.constraint().intersect(constraint.getSummary());
    if (merged.equals(handle.constraint())) {
      return Optional.empty();
    }
    DataTable data = sources.existing(handle.name());
    List<Predicate> before = XsqlTrinoFilters.predicates(data, handle.constraint());
    List<Predicate> after = XsqlTrinoFilters.predicates(data, merged);
    if (after.equals(before) && !merged.isNone()) {
      return Optional.empty();
    }
    return Optional.of(new ConstraintApplicationResult<>(handle.withConstraint(merged), constraint.getSummary(),
        constraint.getExpression(), false));
  }

  /** A limit the table stops at; each split applies it, so Trino still applies it over all splits. */
  @Override
  public Optional<LimitApplicationResult<ConnectorTableHandle>> applyLimit(ConnectorSession session,
      ConnectorTableHandle table, long limit) {
    XsqlTrinoTableHandle handle = (XsqlTrinoTableHandle) table;
    if (!sources.existing(handle.name()).canLimit()
        || (handle.limit().isPresent() && handle.limit().getAsLong() <= limit)) {
      return Optional.empty();
    }
    return Optional.of(new LimitApplicationResult<>(handle.withLimit(limit), false, false));
  }

  private List<XsqlTrinoColumnHandle> columns(SchemaTableName name) {
    return columns(name, sources.existing(name));
  }

  private static List<XsqlTrinoColumnHandle> columns(SchemaTableName name, DataTable table) {
    List<Column> columns = XsqlTrinoSources.read(XsqlTrinoSources.sourceOf(name), table::columns);
    List<XsqlTrinoColumnHandle> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      out.add(new XsqlTrinoColumnHandle(c.name(), i, XsqlTrinoTypes.trinoType(c.type()), c.nullable()));
    }
    return out;
  }
}
