package io.xsql.driver;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code xsql.columns}: every column of every table the sources expose, with its SQL type. */
final class ColumnsTable extends AbstractTable implements ScannableTable {
  private final Session session;

  ColumnsTable(Session session) {
    this.session = session;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("source", SqlTypeName.VARCHAR)
        .add("schema_name", SqlTypeName.VARCHAR)
        .add("table_name", SqlTypeName.VARCHAR)
        .add("column_name", SqlTypeName.VARCHAR)
        .add("ordinal_position", SqlTypeName.INTEGER)
        .add("type", SqlTypeName.VARCHAR)
        .add("nullable", SqlTypeName.BOOLEAN)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    RelDataTypeFactory types = root.getTypeFactory();
    session.tables((source, schema, name, table) -> {
      for (RelDataTypeField f : table.getRowType(types).getFieldList()) {
        rows.add(new Object[] {source, schema, name, f.getName(), f.getIndex() + 1,
            f.getType().getFullTypeString().replace(" NOT NULL", ""), f.getType().isNullable()});
      }
    });
    return Linq4j.asEnumerable(rows);
  }
}
