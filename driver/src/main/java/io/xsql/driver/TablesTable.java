package io.xsql.driver;

import io.xsql.planner.XsqlTable;
import io.xsql.spi.DataTable;
import io.xsql.spi.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code xsql.tables}: every table the sources expose, with what the planner knows of it: the row estimate,
 * a declared order, and how it looks rows up by key.
 */
final class TablesTable extends AbstractTable implements ScannableTable {
  private final Session session;

  TablesTable(Session session) {
    this.session = session;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("source", SqlTypeName.VARCHAR)
        .add("schema_name", SqlTypeName.VARCHAR)
        .add("table_name", SqlTypeName.VARCHAR)
        .add("row_estimate", SqlTypeName.DOUBLE).nullable(true)
        .add("sorted_by", SqlTypeName.VARCHAR).nullable(true)
        .add("lookup", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    RelDataTypeFactory types = root.getTypeFactory();
    session.tables((source, schema, name, table) -> rows.add(new Object[] {source, schema, name,
        table.getStatistic().getRowCount(), sortedBy(table, types).orElse(null), lookup(table)}));
    return Linq4j.asEnumerable(rows);
  }

  private static java.util.Optional<String> sortedBy(Table table, RelDataTypeFactory types) {
    if (!(table instanceof XsqlTable x)) {
      return java.util.Optional.empty();
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
