package io.xsql.jdbc;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.PlainDataSource;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What the code Calcite generates for a pushed-down query asks for its {@link DataSource}: a data source
 * bound to the running query, so that the statement it runs is canceled with the query. Calcite's JDBC
 * convention calls {@code unwrap(DataSource.class)} on the expression it is given; this is that
 * expression's value.
 */
public final class JdbcBinding {
  private final DataSource dataSource;

  private JdbcBinding(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Called by generated code: the source's data source for the query running in {@code root}, reading
   * results in parts of the source's fetch size.
   */
  public static JdbcBinding streamed(DataContext root, String source) {
    JdbcSource s = source(root, source);
    return new JdbcBinding(new QueryDataSource(s, ScanContext.of(root), s.config().fetchSize(), Optional.empty()));
  }

  /**
   * Called by generated code: the source's data source for the query running in {@code root}, reading
   * each result whole (for results estimated small; see {@link JdbcToXsqlConverter}).
   */
  public static JdbcBinding whole(DataContext root, String source) {
    return new JdbcBinding(new QueryDataSource(source(root, source), ScanContext.of(root), 0, Optional.empty()));
  }

  /**
   * Called by generated code: the source's data source for the query running in {@code root}, reading each
   * result through PostgreSQL's COPY where its columns' types allow ({@link JdbcCopy}), else in parts (for
   * statements that read one table; see {@link JdbcToXsqlConverter}).
   */
  public static JdbcBinding copied(DataContext root, String source) {
    JdbcSource s = source(root, source);
    return new JdbcBinding(new QueryDataSource(s, ScanContext.of(root), s.config().fetchSize(),
        Optional.of(new JdbcCopy(s.config()))));
  }

  private static JdbcSource source(DataContext root, String source) {
    SchemaPlus schema = root.getRootSchema().subSchemas().get(source);
    if (schema != null && CalciteSchema.from(schema).schema instanceof JdbcSourceSchema s) {
      return s.source();
    }
    throw new SourceException(ErrorCode.INTERNAL, "source '" + source
        + "' is not a database source of this connection");
  }

  /** The bound data source; anything else is not here. */
  public <T> T unwrap(Class<T> type) {
    if (type != DataSource.class) {
      throw new IllegalArgumentException("a JDBC binding unwraps only to DataSource, not " + type);
    }
    return type.cast(dataSource);
  }

  /** A data source handing out guarded connections of one source's pool for one query. */
  private record QueryDataSource(JdbcSource source, ScanContext context, int fetchSize, Optional<JdbcCopy> copy)
      implements PlainDataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return source.connection(context, fetchSize, copy);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the catalog decides who connects");
    }
  }
}
