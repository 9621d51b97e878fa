package io.xsql.driver;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** A table of the {@code xsql} schema: its columns, and its rows made afresh for each scan. */
abstract class SystemTable extends AbstractTable implements ScannableTable {
  /** A column of a system table. */
  record Column(String name, SqlTypeName type, boolean nullable) {
    static Column of(String name, SqlTypeName type) {
      return new Column(name, type, false);
    }

    static Column nullable(String name, SqlTypeName type) {
      return new Column(name, type, true);
    }
  }

  /** The columns the tables of sources share. */
  static final List<Column> TABLE_COLUMNS = List.of(Column.of("source", SqlTypeName.VARCHAR),
      Column.of("schema_name", SqlTypeName.VARCHAR), Column.of("table_name", SqlTypeName.VARCHAR));

  private final List<Column> columns;

  SystemTable(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  @Override
  public final RelDataType getRowType(RelDataTypeFactory types) {
    RelDataTypeFactory.Builder b = types.builder();
    for (Column c : columns) {
      if (c.type() == SqlTypeName.TIMESTAMP) {
        b.add(c.name(), c.type(), 3);
      } else {
        b.add(c.name(), c.type());
      }
      b.nullable(c.nullable());
    }
    return b.build();
  }

  @Override
  public final Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows(root));
  }

  /** The rows, one value per column. */
  abstract List<Object[]> rows(DataContext root);
}
