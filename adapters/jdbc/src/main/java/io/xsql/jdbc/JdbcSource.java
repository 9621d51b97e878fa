package io.xsql.jdbc;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.xsql.spi.SourceStatus;
import io.xsql.spi.CalciteSchemaSource;
import io.xsql.spi.LookupCache;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.XsqlJdbcTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.Table;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A database as a source: a share of the JVM-wide pool for its settings, its metadata read on first use,
 * and the tables of each schema as Calcite JDBC tables in one convention, so that everything between
 * them that the database computes exactly runs there as one statement.
 */
final class JdbcSource implements CalciteSchemaSource {
  private final JdbcConfig config;
  private final JdbcPool pool;
  private final JdbcMetadata metadata;
  /** Problems met while reading metadata that did not fail a query, for the connection's warnings. */
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Map<JdbcNamespace, Map<String, Table>> tables = new HashMap<>();
  private Optional<JdbcPushdownConvention> convention = Optional.empty();
  /** The catalog's {@code lookup_cache}, which every lookup into this database goes through. */
  private final Optional<LookupCache> lookupCache;

  JdbcSource(JdbcConfig config, Optional<LookupCache> lookupCache) {
    this.config = config;
    this.lookupCache = lookupCache;
    this.pool = JdbcPools.lease(config);
    this.metadata = new JdbcMetadata(config, pool);
  }

  JdbcConfig config() {
    return config;
  }

  Optional<LookupCache> lookupCache() {
    return lookupCache;
  }

  @Override
  public Schema schema() {
    return new JdbcSourceSchema(this);
  }

  @Override
  public synchronized void refresh() {
    metadata.clear();
    tables.clear();
    convention = Optional.empty();
    warnings.clear();
  }

  @Override
  public synchronized List<String> warnings() {
    return new ArrayList<>(warnings);
  }

  /** Connected while its pool holds connections, with their use; the latest listing problem as the last error. */
  @Override
  public synchronized SourceStatus status() {
    HikariPoolMXBean bean = pool.pool().getHikariPoolMXBean();
    int total = bean == null ? 0 : bean.getTotalConnections();
    Optional<String> detail = bean == null ? Optional.empty() : Optional.of("pool: " + bean.getActiveConnections()
        + " in use, " + bean.getIdleConnections() + " idle, at most " + pool.pool().getMaximumPoolSize());
    return new SourceStatus(total > 0 ? "connected" : "idle", detail,
        warnings.stream().reduce((first, second) -> second));
  }

  /** Notes a problem met while listing; it becomes a warning on the connection. */
  synchronized void warn(String message) {
    warnings.add(message);
  }

  /** The schemas and the default one. */
  JdbcMetadata.Overview overview() {
    return metadata.overview();
  }

  /** A schema's tables, built on first use. */
  synchronized Map<String, Table> tables(JdbcNamespace ns) {
    Map<String, Table> out = tables.get(ns);
    if (out == null) {
      JdbcPushdownConvention c = convention();
      JdbcSchema calcite = new JdbcSchema(pool.pool(), c.dialect, c, ns.catalog().orElse(null),
          ns.schema().orElse(null));
      out = new HashMap<>();
      for (JdbcTableInfo info : metadata.tables(ns).values()) {
        out.put(info.name(), new XsqlJdbcTable(calcite, ns.catalog().orElse(null), ns.schema().orElse(null),
            info.name(), info.type(), JdbcTypes.rowType(info.columns()), () -> statistic(info),
            () -> keys(info).primaryKey(), plainColumns(info), info::distinctValues,
            new JdbcTableMetadata(this, info)));
      }
      tables.put(ns, out);
    }
    return out;
  }

  private synchronized JdbcPushdownConvention convention() {
    if (convention.isEmpty()) {
      // Generated code finds the query's data source through this expression (see JdbcBinding).
      Expression binding = Expressions.call(JdbcBinding.class, "streamed", DataContext.ROOT,
          Expressions.constant(config.source()));
      convention = Optional.of(new JdbcPushdownConvention(overview().dialect(), binding, this));
    }
    return convention.get();
  }

  private ImmutableBitSet plainColumns(JdbcTableInfo info) {
    List<JdbcColumn> columns = info.columns();
    return ImmutableBitSet.of(IntStream.range(0, columns.size())
        .filter(i -> JdbcKeyType.isPlain(config.kind(), columns.get(i))).toArray());
  }

  /** A table's keys and indexes; none, with a warning, if the database cannot be reached. */
  JdbcKeys keys(JdbcTableInfo info) {
    try {
      return metadata.keys(info);
    } catch (SourceException e) {
      warn(e.getMessage());
      return JdbcKeys.NONE;
    }
  }

  /** The foreign keys from and to a table; none, with a warning, if the database cannot be reached. */
  JdbcForeignKeys foreignKeys(JdbcTableInfo info) {
    try {
      return metadata.foreignKeys(info);
    } catch (SourceException e) {
      warn(e.getMessage());
      return JdbcForeignKeys.NONE;
    }
  }

  private Statistic statistic(JdbcTableInfo info) {
    List<ImmutableBitSet> keys = keys(info).uniqueKeys().stream()
        .map(key -> ImmutableBitSet.of(key.stream().mapToInt(c -> indexOf(info, c)).toArray()))
        .toList();
    Double rows = info.rows().isPresent() ? info.rows().getAsDouble() : null;
    return Statistics.of(rows, keys, null, null);
  }

  private static int indexOf(JdbcTableInfo info, String column) {
    for (int i = 0; i < info.columns().size(); i++) {
      if (info.columns().get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** A pooled connection guarded for one query: fetch size, cancellation, errors naming the source. */
  Connection connection(ScanContext context) throws SQLException {
    return connection(context, config.fetchSize());
  }

  /**
   * A guarded connection whose statements fetch {@code fetchSize} rows per round trip, 0 for whole
   * results: PostgreSQL plans no parallel workers for a statement read through a cursor in parts, which
   * made a pushed-down aggregate of a large table (TPC-H Q1) twice as slow as the same query in psql.
   */
  Connection connection(ScanContext context, int fetchSize) throws SQLException {
    return connection(context, fetchSize, Optional.empty());
  }

  /**
   * A guarded connection as above whose statements run through {@code copy}, if given, where it reads
   * their columns' types ({@link JdbcGuard}).
   */
  Connection connection(ScanContext context, int fetchSize, Optional<JdbcCopy> copy) throws SQLException {
    if (context.isCanceled()) {
      throw JdbcErrors.canceled(config);
    }
    try {
      return JdbcGuard.connection(pool.connection(), config, fetchSize, context, copy);
    } catch (SQLException e) {
      throw JdbcErrors.connect(config, e);
    }
  }

  /** The plain pool, for Calcite's schema object (which xsql never asks for connections). */
  DataSource pool() {
    return pool.pool();
  }

  @Override
  public void close() {
    pool.close();
  }
}
