package io.xsql.driver;

import static io.xsql.driver.SystemTable.Column.nullable;
import static io.xsql.driver.SystemTable.Column.of;

import io.xsql.spi.SourceStatus;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code xsql.sources}: the catalog's sources as this connection opened them, and how each stands. */
final class SourcesTable extends SystemTable {
  private final Session session;

  SourcesTable(Session session) {
    super(List.of(of("source", SqlTypeName.VARCHAR), of("type", SqlTypeName.VARCHAR),
        of("status", SqlTypeName.VARCHAR), nullable("detail", SqlTypeName.VARCHAR),
        nullable("last_error", SqlTypeName.VARCHAR)));
    this.session = session;
  }

  @Override
  List<Object[]> rows(DataContext root) {
    return session.opened().stream().map(s -> {
      SourceStatus status = s.source().status();
      return new Object[] {s.name(), s.type(), status.state(), status.detail().orElse(null),
          status.lastError().orElse(null)};
    }).toList();
  }
}
