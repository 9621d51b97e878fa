package io.xsql.jdbc;

import io.xsql.spi.ColumnMetadata;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.sql.SqlDialect;

/**
 * Reads and keeps what a database says about itself: its dialect, its schemas, their tables with
 * columns, comments and row estimates, primary keys, indexes and foreign keys. Everything is read on
 * first use, one schema at a time, so that opening a connection never waits for a database and a query
 * reads only what it names.
 */
final class JdbcMetadata {
  /** Table types xsql exposes; indexes, sequences and system tables stay out. */
  private static final String[] TABLE_TYPES = {"TABLE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE",
      "PARTITIONED TABLE", "BASE TABLE", "SYSTEM VIEW"};

  /**
   * What one look at the database gives.
   *
   * @param dialect how to write SQL for it
   * @param namespaces its schemas, by name
   * @param defaultNamespace the schema whose tables are reachable without a schema name
   */
  record Overview(SqlDialect dialect, Map<String, JdbcNamespace> namespaces,
      Optional<JdbcNamespace> defaultNamespace) {}

  private final JdbcConfig config;
  private final JdbcPool pool;
  private Optional<Overview> overview = Optional.empty();
  private final Map<JdbcNamespace, Map<String, JdbcTableInfo>> tables = new HashMap<>();
  private final Map<JdbcTableInfo, JdbcKeys> keys = new HashMap<>();
  private final Map<JdbcTableInfo, JdbcForeignKeys> foreignKeys = new HashMap<>();

  JdbcMetadata(JdbcConfig config, JdbcPool pool) {
    this.config = config;
    this.pool = pool;
  }

  /** Forgets everything read so far. */
  synchronized void clear() {
    overview = Optional.empty();
    tables.clear();
    keys.clear();
    foreignKeys.clear();
  }

  /** The dialect and the schemas, read on first use. */
  synchronized Overview overview() {
    if (overview.isEmpty()) {
      overview = Optional.of(read("list the schemas", this::readOverview));
    }
    return overview.get();
  }

  /** A schema's tables by name, read on first use. */
  synchronized Map<String, JdbcTableInfo> tables(JdbcNamespace ns) {
    Map<String, JdbcTableInfo> out = tables.get(ns);
    if (out == null) {
      out = read("list the tables of schema '" + ns.name() + "'", c -> readTables(c, ns));
      tables.put(ns, out);
    }
    return out;
  }

  /** A table's primary key and unique indexes, read on first use. */
  synchronized JdbcKeys keys(JdbcTableInfo table) {
    JdbcKeys out = keys.get(table);
    if (out == null) {
      out = read("read the keys of " + table.name(), c -> JdbcKeyReader.keys(c, table));
      keys.put(table, out);
    }
    return out;
  }

  /** The foreign keys from and to a table, read on first use. */
  synchronized JdbcForeignKeys foreignKeys(JdbcTableInfo table) {
    JdbcForeignKeys out = foreignKeys.get(table);
    if (out == null) {
      Overview o = overview();
      out = read("read the foreign keys of " + table.name(), c -> JdbcKeyReader.foreignKeys(c, table,
          config.kind() == JdbcKind.MYSQL, o.defaultNamespace().map(JdbcNamespace::name)));
      foreignKeys.put(table, out);
    }
    return out;
  }

  private interface Reading<T> {
    T read(Connection c) throws SQLException;
  }

  private <T> T read(String action, Reading<T> reading) {
    Connection c;
    try {
      c = pool.connection();
    } catch (SQLException e) {
      SQLException t = JdbcErrors.connect(config, e);
      throw new SourceException(code(t), t.getMessage(), t);
    }
    try (c) {
      T out = reading.read(c);
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      return out;
    } catch (SQLException e) {
      SQLException t = JdbcErrors.query(config, e);
      throw new SourceException(code(t), "cannot " + action + ": " + t.getMessage(), t);
    }
  }

  private static ErrorCode code(SQLException e) {
    return switch (e.getSQLState()) {
      case "08001" -> ErrorCode.CONNECT;
      case "28000" -> ErrorCode.AUTH;
      case "08006" -> ErrorCode.CONNECTION_LOST;
      default -> ErrorCode.INTERNAL;
    };
  }

  private Overview readOverview(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    SqlDialect dialect = JdbcDialects.create(config.kind(), meta);
    boolean byCatalog = config.kind() == JdbcKind.MYSQL;
    List<String> names = new ArrayList<>();
    try (ResultSet rs = byCatalog ? meta.getCatalogs() : meta.getSchemas()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    Map<String, JdbcNamespace> namespaces = new TreeMap<>();
    for (String name : names) {
      boolean wanted = config.schemas().isEmpty() ? !config.kind().isSystemSchema(name)
          : config.schemas().contains(name);
      if (wanted) {
        namespaces.put(name, byCatalog ? new JdbcNamespace(name, Optional.of(name), Optional.empty())
            : new JdbcNamespace(name, Optional.empty(), Optional.of(name)));
      }
    }
    String current = config.defaultSchema().orElseGet(() -> currentSchema(c, byCatalog));
    return new Overview(dialect, namespaces, Optional.ofNullable(current).map(namespaces::get));
  }

  private static String currentSchema(Connection c, boolean byCatalog) {
    try {
      return byCatalog ? c.getCatalog() : c.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  private Map<String, JdbcTableInfo> readTables(Connection c, JdbcNamespace ns) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String catalog = ns.catalog().orElse(null);
    String schema = ns.schema().map(s -> escape(meta, s)).orElse(null);
    Map<String, Schema.TableType> types = new LinkedHashMap<>();
    Map<String, String> remarks = new HashMap<>();
    try (ResultSet rs = meta.getTables(catalog, schema, "%", TABLE_TYPES)) {
      while (rs.next()) {
        String table = rs.getString("TABLE_NAME");
        types.put(table, tableType(rs.getString("TABLE_TYPE")));
        text(rs, "REMARKS").ifPresent(r -> remarks.put(table, r));
      }
    }
    Map<String, List<JdbcColumn>> columns = new HashMap<>();
    Map<String, Map<String, ColumnMetadata>> described = new HashMap<>();
    try (ResultSet rs = meta.getColumns(catalog, schema, "%", "%")) {
      while (rs.next()) {
        String table = rs.getString("TABLE_NAME");
        if (types.containsKey(table)) {
          columns.computeIfAbsent(table, t -> new ArrayList<>()).add(new JdbcColumn(
              rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
              rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
              rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
          described.computeIfAbsent(table, t -> new HashMap<>()).put(rs.getString("COLUMN_NAME"),
              new ColumnMetadata(rs.getString("COLUMN_NAME"), text(rs, "REMARKS"), text(rs, "COLUMN_DEF"),
                  "YES".equals(text(rs, "IS_AUTOINCREMENT").orElse("")),
                  "YES".equals(text(rs, "IS_GENERATEDCOLUMN").orElse(""))));
        }
      }
    }
    Map<String, Double> rows = rowEstimates(c, ns);
    Map<String, Map<String, Double>> distinct = distinctEstimates(c, ns, rows);
    Map<String, JdbcTableInfo> out = new TreeMap<>();
    types.forEach((name, type) -> out.put(name, new JdbcTableInfo(ns, name, type,
        List.copyOf(columns.getOrDefault(name, List.of())),
        rows.containsKey(name) ? OptionalDouble.of(rows.get(name)) : OptionalDouble.empty(),
        distinct.getOrDefault(name, Map.of()), Optional.ofNullable(remarks.get(name)),
        described.getOrDefault(name, Map.of()))));
    return out;
  }

  /** A text column of a metadata row; empty for NULL, blank, or a column the driver does not have. */
  private static Optional<String> text(ResultSet rs, String column) {
    try {
      return Optional.ofNullable(rs.getString(column)).filter(t -> !t.isBlank());
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** A name as a metadata pattern: {@code _} and {@code %} in it are literal. */
  private static String escape(DatabaseMetaData meta, String name) {
    try {
      String esc = meta.getSearchStringEscape();
      return esc == null || esc.isEmpty() ? name
          : name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    } catch (SQLException e) {
      return name;
    }
  }

  private static Schema.TableType tableType(String jdbcType) {
    if (jdbcType == null) {
      return Schema.TableType.TABLE;
    }
    String t = jdbcType.toUpperCase(Locale.ROOT).replace(' ', '_');
    return switch (t) {
      case "VIEW", "SYSTEM_VIEW" -> Schema.TableType.VIEW;
      case "MATERIALIZED_VIEW" -> Schema.TableType.MATERIALIZED_VIEW;
      case "FOREIGN_TABLE" -> Schema.TableType.FOREIGN_TABLE;
      default -> Schema.TableType.TABLE;
    };
  }

  /**
   * The database's own estimates of its columns' distinct values, by table and column: PostgreSQL's
   * {@code pg_stats} (kept by ANALYZE; a negative {@code n_distinct} is a share of the rows), MySQL's and
   * MariaDB's index statistics for a column that starts an index.
   */
  private Map<String, Map<String, Double>> distinctEstimates(Connection c, JdbcNamespace ns,
      Map<String, Double> rows) throws SQLException {
    String sql = switch (config.kind()) {
      case POSTGRES -> "SELECT tablename, attname, n_distinct FROM pg_catalog.pg_stats WHERE schemaname = ?";
      case MYSQL -> "SELECT table_name, column_name, MAX(cardinality) FROM information_schema.statistics "
          + "WHERE table_schema = ? AND seq_in_index = 1 GROUP BY table_name, column_name";
      case GENERIC -> "";
    };
    Map<String, Map<String, Double>> out = new HashMap<>();
    if (sql.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, ns.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString(1);
          double d = rs.getDouble(3);
          if (!rs.wasNull() && d < 0 && rows.containsKey(table)) {
            d = -d * rows.get(table);
          }
          if (d > 0) {
            out.computeIfAbsent(table, t -> new HashMap<>()).put(rs.getString(2), d);
          }
        }
      }
    }
    return out;
  }

  /** The database's own row counts (estimates kept by ANALYZE), where it keeps them. */
  private Map<String, Double> rowEstimates(Connection c, JdbcNamespace ns) throws SQLException {
    String sql = switch (config.kind()) {
      case POSTGRES -> "SELECT c.relname, c.reltuples FROM pg_catalog.pg_class c "
          + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?";
      case MYSQL -> "SELECT table_name, table_rows FROM information_schema.tables WHERE table_schema = ?";
      case GENERIC -> "";
    };
    Map<String, Double> out = new HashMap<>();
    if (sql.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, ns.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double rows = rs.getDouble(2);
          // PostgreSQL says -1 for a table never analyzed: unknown, not empty.
          if (!rs.wasNull() && rows >= 0) {
            out.put(rs.getString(1), rows);
          }
        }
      }
    }
    return out;
  }
}
