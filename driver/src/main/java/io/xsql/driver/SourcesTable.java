package io.xsql.driver;

import io.xsql.spi.SourceStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code xsql.sources}: the catalog's sources as this connection opened them, and how each stands. */
final class SourcesTable extends AbstractTable implements ScannableTable {
  private final Session session;

  SourcesTable(Session session) {
    this.session = session;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("source", SqlTypeName.VARCHAR)
        .add("type", SqlTypeName.VARCHAR)
        .add("status", SqlTypeName.VARCHAR)
        .add("detail", SqlTypeName.VARCHAR).nullable(true)
        .add("last_error", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    session.opened().forEach(s -> {
      SourceStatus status = s.source().status();
      rows.add(new Object[] {s.name(), s.type(), status.state(), status.detail().orElse(null),
          status.lastError().orElse(null)});
    });
    return Linq4j.asEnumerable(rows);
  }
}
