package io.xsql.driver;

import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An xsql connection: a plain {@link Connection} that also takes in-process data as tables. Obtain it
 * with {@code connection.unwrap(XsqlConnection.class)}.
 *
 * <p>Registered tables live in the default schema next to the catalog's file sources, for this
 * connection only. Their data is read anew by every query.
 */
public interface XsqlConnection extends Connection {

  /**
   * Registers a table that implements the source contract itself, for full control: pushed-down filters
   * and projections, a declared sort order, key lookups.
   *
   * @throws SQLException if a table of that name exists
   */
  void register(String name, DataTable table) throws SQLException;

  /** Registers maps as rows; columns and types come from the first rows. */
  void register(String name, Iterable<? extends Map<String, ?>> rows) throws SQLException;

  /** Registers a supplier of map streams, called once to find the columns and once per query. */
  void registerMaps(String name, Supplier<? extends Stream<? extends Map<String, ?>>> rows)
      throws SQLException;

  /** Registers records or beans as rows; the columns are the record's components or the bean's getters. */
  <T> void register(String name, Class<T> type, Iterable<? extends T> rows) throws SQLException;

  /** Registers a supplier of record or bean streams, called once per query. */
  <T> void register(String name, Class<T> type, Supplier<? extends Stream<? extends T>> rows)
      throws SQLException;

  /**
   * Makes a catalog source read its metadata again on next use: tables and columns added or changed in a
   * database since it was first listed appear, without reconnecting. Pools and other sources stay.
   *
   * @throws SQLException 42000 if the catalog has no source of that name
   */
  void refresh(String source) throws SQLException;

  /**
   * Samples every table of a schemaless catalog source (MongoDB) afresh, whatever contract it was given,
   * and returns the columns found: {@code SchemaContract.toYaml} writes them as a file the source's
   * {@code schema:} key reads back. Empty for a source whose tables declare their own types (a database).
   *
   * @throws SQLException 42000 if the catalog has no source of that name; the source's error if it cannot
   *     be read
   */
  Optional<SchemaContract> inferSchema(String source) throws SQLException;

  /** Removes a registered table; false if there was none. */
  boolean unregister(String name) throws SQLException;
}
