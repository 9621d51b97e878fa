package io.xsql.driver;

import static io.xsql.driver.SystemTable.Column.nullable;

import io.xsql.planner.XsqlTable;
import io.xsql.spi.DataTable;
import io.xsql.spi.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code xsql.tables}: every table the sources expose, with what the planner knows of it: the row estimate,
 * a declared order, and how it looks rows up by key.
 */
final class TablesTable extends SystemTable {
  private final Session session;

  TablesTable(Session session) {
    super(Stream.concat(TABLE_COLUMNS.stream(), Stream.of(nullable("row_estimate", SqlTypeName.DOUBLE),
        nullable("sorted_by", SqlTypeName.VARCHAR), nullable("lookup", SqlTypeName.VARCHAR))).toList());
    this.session = session;
  }

  @Override
  List<Object[]> rows(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    RelDataTypeFactory types = root.getTypeFactory();
    session.tables((source, schema, name, table) -> rows.add(new Object[] {source, schema, name,
        table.getStatistic().getRowCount(), sortedBy(table, types).orElse(null), lookup(table)}));
    return rows;
  }

  private static Optional<String> sortedBy(Table table, RelDataTypeFactory types) {
    if (!(table instanceof XsqlTable x)) {
      return Optional.empty();
    }
    List<RelDataTypeField> fields = table.getRowType(types).getFieldList();
    return x.table().sortOrder().map(SortOrder::keys).map(keys -> keys.stream()
        .map(k -> fields.get(k.column()).getName() + (k.descending() ? " DESC" : ""))
        .collect(Collectors.joining(", ")));
  }

  /** {@code index} (a file's), {@code by key} (a source's own), {@code database} (SQL by key), or none. */
  private static String lookup(Table table) {
    if (table instanceof XsqlTable x) {
      DataTable t = x.table();
      return t.keyLookup().isEmpty() ? null : t.backingFile().isPresent() ? "index" : "by key";
    }
    return "database";
  }
}
