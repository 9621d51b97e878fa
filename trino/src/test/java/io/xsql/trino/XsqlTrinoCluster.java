package io.xsql.trino;

import static io.trino.testing.TestingSession.testSessionBuilder;

import com.google.inject.Key;
import io.trino.server.PluginInstaller;
import io.trino.server.PluginManager;
import io.trino.server.testing.TestingTrinoServer;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
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
    DistributedQueryRunner trino = runner(name, workers, coordinatorProperties).build();
    trino.installPlugin(new XsqlTrinoPlugin());
    return withCatalog(trino, name, catalog, splitBytes);
  }

  /**
   * {@link #startWorkers} with two workers and the plugin loaded as a Trino server loads it: from the plugin
   * folder, copied into the plugin directory {@code plugins} as {@code plugins/xsql}, by Trino's plugin manager
   * on every node, in a class loader of its own that shares only Trino's SPI with the engine.
   */
  static XsqlTrinoCluster startFromFolder(String name, Path catalog, int splitBytes, Path folder, Path plugins)
      throws Exception {
    // Copied, as the README says, since a server takes every folder in its plugin directory for a plugin.
    copyFolder(folder, Files.createDirectories(plugins.resolve("xsql")));
    // A test server's plugin directory (plugin.dir) is its data directory; it loads nothing from it until
    // asked, as a server does when it starts.
    DistributedQueryRunner trino = runner(name, 2, Map.of("node-scheduler.include-coordinator", "false"))
        .setBaseDataDir(Optional.of(plugins)).build();
    for (TestingTrinoServer server : trino.getServers()) {
      ((PluginManager) server.getInstance(Key.get(PluginInstaller.class))).loadPlugins();
    }
    return withCatalog(trino, name, catalog, splitBytes);
  }

  private static DistributedQueryRunner.Builder<?> runner(String name, int workers,
      Map<String, String> coordinatorProperties) {
    return DistributedQueryRunner.builder(testSessionBuilder().setCatalog(name).setSchema("main").build())
        .setWorkerCount(workers).setCoordinatorProperties(coordinatorProperties);
  }

  private static XsqlTrinoCluster withCatalog(DistributedQueryRunner trino, String name, Path catalog,
      int splitBytes) throws Exception {
    trino.createCatalog(name, XsqlTrinoConnectorFactory.NAME, Map.of(XsqlTrinoConfig.CATALOG, catalog.toString(),
        XsqlTrinoConfig.SPLIT_BYTES, Integer.toString(splitBytes)));
    return new XsqlTrinoCluster(trino, driver(), catalog);
  }

  /** Copies the jars of the plugin folder, which must have been built ({@code mvn package}). */
  private static void copyFolder(Path folder, Path target) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
      if (jars.stream().noneMatch(f -> f.getFileName().toString().startsWith("xsql-trino-"))) {
        throw new IllegalStateException("no plugin jar in " + folder + ": build the plugin folder first");
      }
      for (Path jar : jars) {
        Files.copy(jar, target.resolve(jar.getFileName()));
      }
    }
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
