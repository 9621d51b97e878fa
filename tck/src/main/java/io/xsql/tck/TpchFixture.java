package io.xsql.tck;

import static io.xsql.tck.TpchTableDef.CUSTOMER;
import static io.xsql.tck.TpchTableDef.LINEITEM;
import static io.xsql.tck.TpchTableDef.NATION;
import static io.xsql.tck.TpchTableDef.ORDERS;
import static io.xsql.tck.TpchTableDef.PARTSUPP;
import static io.xsql.tck.TpchTableDef.REGION;
import static io.xsql.tck.TpchTableDef.SUPPLIER;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * TPC-H at one scale factor spread over PostgreSQL, MariaDB, MongoDB and files as {@link TpchLayout} says, plus
 * optionally a reference: one PostgreSQL database holding all eight tables, to run the same queries on.
 *
 * <p>Each table is generated once and written to every place that holds it while it is generated
 * (PostgreSQL through COPY, MariaDB through batched inserts, MongoDB through {@code insertMany}), tables in
 * parallel. Each database and the folder get a marker last; {@link #load(boolean) load(true)} keeps whatever
 * already holds this scale factor, so that benchmarks at scale factor 1 load once (an in-memory MongoDB
 * server holds nothing when it starts, so its tables are loaded on each start).
 */
public final class TpchFixture {
  /** Part of every marker: raise it when tables or types change, so that old data is reloaded. */
  private static final int FORMAT = 1;

  private final TpchData data;
  private final TpchLayout layout;
  private final TpchConnections connections;

  /**
   * A fixture.
   *
   * @param data the scale factor
   * @param layout the databases and folder of the sources
   * @param referenceDatabase the PostgreSQL database to hold all tables, if any
   */
  public TpchFixture(TpchData data, TpchLayout layout, Optional<String> referenceDatabase) {
    this.data = requireNonNull(data, "data is null");
    this.layout = requireNonNull(layout, "layout is null");
    this.connections = new TpchConnections(layout.catalog(), referenceDatabase);
  }

  /**
   * A fixture whose databases are named {@code <name>_pg}, {@code <name>_my}, {@code <name>_mg} (on the
   * MongoDB server at {@code mongoUri}) and (with a reference) {@code <name>_ref}, with files and catalog in
   * {@code directory}.
   */
  public static TpchFixture named(String name, double scaleFactor, Path directory, boolean withReference,
      String mongoUri) {
    return new TpchFixture(new TpchData(scaleFactor),
        new TpchLayout(name + "_pg", name + "_my", mongoUri, name + "_mg", directory),
        withReference ? Optional.of(referenceName(name)) : Optional.empty());
  }

  /** The reference database of {@link #named}. */
  static String referenceName(String name) {
    return name + "_ref";
  }

  /** The scale factor. */
  public TpchData data() {
    return data;
  }

  /** Where the tables are. */
  public TpchLayout layout() {
    return layout;
  }

  /**
   * Loads the tables and writes the catalog.
   *
   * @param reuse keep a database or folder that already holds this scale factor (else everything is
   *     loaded again)
   * @return what was loaded (empty when everything was reused)
   */
  public List<String> load(boolean reuse) throws IOException, SQLException {
    List<TpchTarget> stale = new ArrayList<>();
    for (TpchTarget t : targets()) {
      if (!reuse || !t.holds(marker(t))) {
        stale.add(t);
      }
    }
    for (TpchTarget t : stale) {
      t.prepare();
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (TpchTableDef table : TpchTableDef.values()) {
      List<TpchTarget> into = stale.stream().filter(t -> t.tables().contains(table)).toList();
      if (!into.isEmpty()) {
        tasks.add(() -> {
          loadTable(data, table, into);
          return null;
        });
      }
    }
    runAll(tasks);
    for (TpchTarget t : stale) {
      t.finish(marker(t));
    }
    Files.writeString(layout.catalog(), layout.catalogText());
    return stale.stream().map(TpchTarget::describe).toList();
  }

  /**
   * Writes the tables for an engine that reads no database, such as a Trino cluster with only the xsql
   * connector: part in MongoDB (the source {@code mg}, as in {@link TpchLayout}), the others as files in a
   * folder, a source per table named after it (lineitem, orders and supplier as JSON Lines, the others as
   * CSV), and the catalog naming them. Queries read them by {@link TpchQuery#withoutDatabasesSql()}.
   *
   * @param mongoUri the MongoDB server, a connection string without a database; its database {@code tpch}
   *     is replaced
   * @return the catalog file
   */
  public static Path writeWithoutDatabases(double scaleFactor, Path directory, String mongoUri)
      throws IOException, SQLException {
    TpchFiles files = new TpchFiles(directory, List.of(CUSTOMER, NATION, REGION, PARTSUPP),
        List.of(LINEITEM, ORDERS, SUPPLIER));
    TpchMongo mongo = new TpchMongo(mongoUri, "tpch", TpchLayout.MONGODB_TABLES);
    List<TpchTarget> targets = List.of(files, mongo);
    for (TpchTarget t : targets) {
      t.prepare();
    }
    TpchData data = new TpchData(scaleFactor);
    for (TpchTableDef table : TpchTableDef.values()) {
      loadTable(data, table, targets.stream().filter(t -> t.tables().contains(table)).toList());
    }
    Path catalog = TpchLayout.catalogIn(directory);
    Files.writeString(catalog, "# TPC-H without databases, written by io.xsql.tck.TpchFixture.\nsources:\n  "
        + TpchLayout.MONGODB_SOURCE + ": " + mongo.catalogEntry() + "\n" + String.join("\n", files.catalogEntries())
        + "\n");
    return catalog;
  }

  /** The catalog file (written by {@link #load}). */
  public Path catalog() {
    return layout.catalog();
  }

  /** How queries reach the data, from this JVM or another. */
  public TpchConnections connections() {
    return connections;
  }

  /** The xsql URL of the catalog. */
  public String url() {
    return connections.url();
  }

  /** A direct connection to the reference database. */
  public Connection connectReference() throws SQLException {
    return connections.connectReference();
  }

  /** Drops the databases and deletes the files (not the folder, nor the catalog). */
  public void drop() throws IOException, SQLException {
    for (TpchTarget t : targets()) {
      t.drop();
    }
  }

  private List<TpchTarget> targets() {
    List<TpchTarget> all = new ArrayList<>(List.of(layout.postgres(), layout.mariadb(), layout.mongo(),
        layout.files()));
    connections.reference().ifPresent(all::add);
    return all;
  }

  private String marker(TpchTarget target) {
    return "TPC-H scale factor " + BigDecimal.valueOf(data.scaleFactor()).toPlainString() + ", tables "
        + target.tables().stream().map(TpchTableDef::tableName).collect(Collectors.joining(" "))
        + ", fixture format " + FORMAT;
  }

  private static void loadTable(TpchData data, TpchTableDef table, List<TpchTarget> into)
      throws IOException, SQLException {
    List<TpchSink> sinks = new ArrayList<>();
    Exception failure = null;
    try {
      for (TpchTarget t : into) {
        sinks.add(t.sink(table));
      }
      for (Object[] row : data.rows(table)) {
        for (TpchSink s : sinks) {
          s.accept(row);
        }
      }
    } catch (IOException | SQLException | RuntimeException e) {
      failure = e;
    }
    for (TpchSink s : sinks) {
      try {
        s.close();
      } catch (IOException | SQLException | RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    rethrow(failure);
  }

  private static void runAll(List<Callable<Void>> tasks) throws IOException, SQLException {
    if (tasks.isEmpty()) {
      return;
    }
    // A few threads: the servers parse and index in their own processes while tables are generated here.
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(tasks.size(), 3));
    try {
      List<Future<Void>> done = pool.invokeAll(tasks);
      for (Future<Void> f : done) {
        try {
          f.get();
        } catch (ExecutionException e) {
          rethrow(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading TPC-H", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void rethrow(Throwable failure) throws IOException, SQLException {
    if (failure == null) {
      return;
    }
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof SQLException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(failure);
  }
}
