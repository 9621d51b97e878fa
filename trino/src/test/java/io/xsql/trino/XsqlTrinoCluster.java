package io.xsql.trino;

import static io.trino.testing.TestingSession.testSessionBuilder;

import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/**
 * A Trino cluster of a coordinator and workers in this JVM, with the plugin serving an xsql catalog file, and
 * embedded xsql over the same file, for comparing their answers.
 *
 * @param trino the cluster; its session reads the Trino catalog of the file, schema {@code main}
 * @param xsql the xsql driver, from the jar users get
 * @param catalog the xsql catalog file
 */
record XsqlTrinoCluster(DistributedQueryRunner trino, Driver xsql, Path catalog) implements AutoCloseable {
  /**
   * Starts a coordinator and two workers with the file as the Trino catalog {@code name}, splits of about
   * {@code splitBytes}. The coordinator runs tasks too, as in Trino's test clusters.
   */
  static XsqlTrinoCluster start(String name, Path catalog, int splitBytes) throws Exception {
    return start(name, catalog, splitBytes, 2, Map.of());
  }

  /**
   * {@link #start(String, Path, int)} with {@code workers} workers that alone run the tasks, so that a
   * measurement at one worker and at two compares one node reading the splits with two.
   */
  static XsqlTrinoCluster startWorkers(String name, Path catalog, int splitBytes, int workers) throws Exception {
    return start(name, catalog, splitBytes, workers, Map.of("node-scheduler.include-coordinator", "false"));
  }

  private static XsqlTrinoCluster start(String name, Path catalog, int splitBytes, int workers,
      Map<String, String> coordinatorProperties) throws Exception {
    DistributedQueryRunner trino = DistributedQueryRunner.builder(testSessionBuilder().setCatalog(name)
        .setSchema("main").build()).setWorkerCount(workers).setCoordinatorProperties(coordinatorProperties).build();
    trino.installPlugin(new XsqlTrinoPlugin());
    trino.createCatalog(name, "xsql", Map.of("xsql.catalog", catalog.toString(),
        "xsql.split-bytes", Integer.toString(splitBytes)));
    return new XsqlTrinoCluster(trino, driver(), catalog);
  }

  /**
   * The xsql driver jar in a class loader of its own, as an application would load it: its Calcite (with
   * Guava moved to a private package) must not meet the plain Calcite on this class path.
   */
  private static Driver driver() throws Exception {
    Path jar = Path.of(System.getProperty("xsql.jdbc.jar"));
    Path slf4j = Path.of(LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), slf4j.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    return (Driver) loader.loadClass("io.xsql.driver.XsqlDriver").getDeclaredConstructor().newInstance();
  }

  /** The rows of a query through Trino, each as text ({@link XsqlTrinoAnswers#rows(MaterializedResult)}). */
  List<String> trinoRows(String sql) {
    return XsqlTrinoAnswers.rows(trino.execute(sql));
  }

  /** A connection of embedded xsql to the catalog file. */
  Connection connectXsql() throws SQLException {
    return connectXsql("");
  }

  /** A connection of embedded xsql to the catalog file, with settings for the URL ({@code ;planCache=0}). */
  Connection connectXsql(String settings) throws SQLException {
    return xsql.connect("jdbc:xsql:catalog=" + catalog + settings, new Properties());
  }

  /** The rows of a query in embedded xsql, each as text ({@link XsqlTrinoAnswers#rows(ResultSet)}). */
  List<String> xsqlRows(String sql) throws SQLException {
    try (Connection c = connectXsql(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return XsqlTrinoAnswers.rows(rs);
    }
  }

  @Override
  public void close() {
    trino.close();
  }
}
