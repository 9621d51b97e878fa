package io.xsql.tck;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How one kind of source gets a dataset: written as a file, registered as objects, loaded into a
 * database. A conformance test asks its fixture for a connection on which the data is a table.
 */
public interface SourceFixture {

  /**
   * Makes the dataset available as table {@code table} on a new xsql connection.
   *
   * @param dir a folder of the test's own for files
   */
  Connection connect(Dataset data, String table, Path dir) throws SQLException;

  /** Whether the source evaluates WHERE conjuncts itself (EXPLAIN shows them in the scan). */
  boolean pushesFilters();

  /** How EXPLAIN shows the condition {@code id = 3} pushed into the source. */
  default String pushedFilter() {
    return "filters=[id = 3]";
  }

  /**
   * Makes a table {@code table} whose data has a malformed row: text where the first column must be an
   * INTEGER. Empty for kinds of source that cannot hold such data (typed Java records cannot).
   */
  default Optional<Connection> connectBroken(String table, Path dir) throws SQLException {
    return Optional.empty();
  }

  /**
   * Releases what the fixture started for its connections, such as a server of its own. Called once, after
   * the test class's connections are closed; most fixtures start nothing.
   */
  default void close() {}
}
