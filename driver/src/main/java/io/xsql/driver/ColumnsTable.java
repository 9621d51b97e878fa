package io.xsql.driver;

import static io.xsql.driver.SystemTable.Column.of;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code xsql.columns}: every column of every table the sources expose, with its SQL type. */
final class ColumnsTable extends SystemTable {
  private final Session session;

  ColumnsTable(Session session) {
    super(Stream.concat(TABLE_COLUMNS.stream(), Stream.of(of("column_name", SqlTypeName.VARCHAR),
        of("ordinal_position", SqlTypeName.INTEGER), of("type", SqlTypeName.VARCHAR),
        of("nullable", SqlTypeName.BOOLEAN))).toList());
    this.session = session;
  }

  @Override
  List<Object[]> rows(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    RelDataTypeFactory types = root.getTypeFactory();
    session.tables((source, schema, name, table) -> {
      for (RelDataTypeField f : table.getRowType(types).getFieldList()) {
        rows.add(new Object[] {source, schema, name, f.getName(), f.getIndex() + 1,
            f.getType().getFullTypeString().replace(" NOT NULL", ""), f.getType().isNullable()});
      }
    });
    return rows;
  }
}
