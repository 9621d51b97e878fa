package io.xsql.bench;

import de.bwaldvogel.mongo.MongoServer;
import io.xsql.tck.TestDatabase;
import io.xsql.tck.TpchFixture;
import io.xsql.tck.TpchLayout;
import io.xsql.tck.TpchTableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The harness side of the TPC-H section: at each scale factor, starts mongo-java-server (in memory) in this
 * JVM and loads part into it, loads the rest of the fixture once (its databases and files are kept for later
 * runs) and writes plain Calcite's model of the same sources ({@link TpchCalciteModel}), then runs each query
 * in its own {@link TpchBench} JVM, which finds the server through the catalog and the model, and counts the rows the sources read around that JVM: PostgreSQL per table ({@link PgTableReads}),
 * MariaDB server-wide ({@link MariaDbServerReads}), the documents MongoDB returned
 * ({@link MongoServedDocuments}); the files are read whole and not counted.
 */
final class TpchSuite {
  private static final List<String> PG_TABLES = TpchLayout.POSTGRES_TABLES.stream().map(TpchTableDef::tableName)
      .toList();

  private final BenchSettings settings;
  private final ChildJvm childJvm;

  TpchSuite(BenchSettings settings) {
    this.settings = settings;
    // A backstop only: the child times out its own statements and reports them.
    int statements = 3 * (settings.warmRuns() + 1) + TpchBench.EXPLAINS;
    this.childJvm = new ChildJvm((long) statements * settings.tpch().timeoutSeconds() * 1000 + 60_000);
  }

  /**
   * One scale factor: starts the MongoDB server (the children reach it while this JVM runs them), loads the
   * data unless it is loaded, then runs the queries.
   */
  TpchScale scale(double sf) throws IOException, InterruptedException {
    MongoSuite.quietServerLog();
    MongoServedDocuments mongo = new MongoServedDocuments();
    MongoServer server = new MongoServer(mongo);
    try {
      server.bind("127.0.0.1", 0);
      return scale(sf, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), mongo);
    } finally {
      server.shutdownNow();
    }
  }

  private TpchScale scale(double sf, String mongoUri, MongoServedDocuments mongo) throws IOException,
      InterruptedException {
    String name = TpchSettings.databaseName(sf);
    Path dir = settings.data().resolve("tpch-sf" + TpchSettings.label(sf)).toAbsolutePath();
    TpchFixture fixture = TpchFixture.named(name, sf, dir, true, mongoUri);
    System.out.printf(Locale.ROOT, "TPC-H SF %s: loading part into mongo-java-server at %s, and %s_pg, _my,"
        + " _ref and %s unless they hold it already%n", TpchSettings.label(sf), mongoUri, name, dir);
    long start = System.nanoTime();
    String load;
    try {
      List<String> loaded = fixture.load(true);
      TpchCalciteModel.write(fixture.layout());
      load = loaded.isEmpty() ? "kept from an earlier run" : String.format(Locale.ROOT, "loaded in this run in"
          + " %.0f s (%s)", (System.nanoTime() - start) / 1e9, String.join(", ", loaded));
    } catch (IOException | SQLException | RuntimeException e) {
      return new TpchScale(sf, "", Map.of(), List.of(), "loading failed: " + e);
    }
    try {
      setJit(List.of(fixture.layout().postgresDatabase(), name + "_ref"), settings.tpch().pgJit());
    } catch (SQLException e) {
      return new TpchScale(sf, load, Map.of(), List.of(), "could not set jit: " + e);
    }
    String pgUrl = TestDatabase.POSTGRES.url(fixture.layout().postgresDatabase()) + "?user=postgres";
    Map<String, Long> sizes = tableRows(pgUrl);
    Path plans = dir.resolve("plans");
    Files.createDirectories(plans);
    List<TpchQueryResult> results = new ArrayList<>();
    Reads before = reads(pgUrl, fixture, mongo);
    for (int number : settings.tpch().queries()) {
      long jvmStart = System.nanoTime();
      List<String> args = List.of(String.valueOf(number), name, dir.toString(), String.valueOf(settings.warmRuns()),
          String.valueOf(settings.tpch().timeoutSeconds()), String.valueOf(settings.slowMillis()));
      ChildJvm.Output c = childJvm.run(TpchBench.class.getName(), args, List.of(), false);
      String leftovers = endLeftovers(fixture, (System.nanoTime() - jvmStart) / 1e9);
      Reads after = reads(pgUrl, fixture, mongo);
      TpchQueryResult r = TpchQueryResult.of(sf, number, c, settings.warmRuns(), settings.slowMillis())
          .withReads(after.pgSince(before), after.mariaDbSince(before), after.mongoSince(before), String.join("; ",
              Stream.of(leftovers, after.problemSince(before)).filter(x -> !x.isEmpty()).toList()));
      // The peer in a JVM of its own, after xsql's counters were read: its reads are not xsql's.
      long peerStart = System.nanoTime();
      List<String> peerArgs = new ArrayList<>(List.of(TpchBench.PEER));
      peerArgs.addAll(args);
      TpchPeerResult peer = TpchPeerResult.of(childJvm.run(TpchBench.class.getName(), peerArgs, List.of(), false));
      String peerLeftovers = endLeftovers(fixture, (System.nanoTime() - peerStart) / 1e9);
      r = r.withPeer(peer.withNote(peerLeftovers));
      before = reads(pgUrl, fixture, mongo);
      Files.write(plans.resolve(String.format(Locale.ROOT, "q%02d.txt", number)), r.plan());
      results.add(r);
      System.out.printf(Locale.ROOT, "%s (%.0f s with the counters)%n", progress(r),
          (System.nanoTime() - jvmStart) / 1e9);
    }
    return new TpchScale(sf, load, sizes, results, "");
  }

  /** Sets PostgreSQL's {@code jit} for new sessions of some databases. */
  private static void setJit(List<String> databases, boolean on) throws SQLException {
    try (Connection c = TestDatabase.POSTGRES.connect("postgres"); Statement s = c.createStatement()) {
      for (String db : databases) {
        s.execute("ALTER DATABASE " + db + " SET jit = " + (on ? "on" : "off"));
      }
    }
  }

  /**
   * Ends the statements a child left running in the xsql databases: a statement xsql gave up on can go on
   * in the server after the JVM ended (PostgreSQL notices a client that went away only when it sends it
   * rows). Only sessions opened while the child ran, {@code seconds} up to now, are ended. Says what it
   * found, empty if nothing.
   */
  private static String endLeftovers(TpchFixture fixture, double seconds) throws InterruptedException {
    List<String> out = new ArrayList<>();
    String pgDb = fixture.layout().postgresDatabase();
    String mine = " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() AND state <> 'idle'"
        + " AND backend_start >= now() - make_interval(secs => ?)";
    try (Connection c = TestDatabase.POSTGRES.connect("postgres");
        PreparedStatement end = c.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
            + mine);
        PreparedStatement left = c.prepareStatement("SELECT count(*)" + mine)) {
      for (PreparedStatement ps : List.of(end, left)) {
        ps.setString(1, pgDb);
        ps.setDouble(2, seconds + 1);
      }
      long ended = single(end);
      long running = ended;
      // Ended at their next interrupt check; code that makes none (such as JIT compilation) runs on.
      for (int i = 0; i < 40 && running > 0; i++) {
        Thread.sleep(250);
        running = single(left);
      }
      if (ended > 0) {
        out.add(ended + " PostgreSQL statement" + (ended == 1 ? "" : "s") + " still running after the JVM ended,"
            + " terminated" + (running > 0 ? "; " + running + " still running 10 s later" : ""));
      }
    } catch (SQLException e) {
      out.add("could not check PostgreSQL for statements left running: " + e.getMessage());
    }
    try (Connection c = TestDatabase.MARIADB.connect(fixture.layout().mariadbDatabase());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '"
            + fixture.layout().mariadbDatabase() + "' AND command <> 'Sleep' AND id <> CONNECTION_ID()"
            + " AND time <= " + (long) Math.ceil(seconds))) {
      List<Long> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
      for (long id : ids) {
        s.execute("KILL QUERY " + id);
      }
      if (!ids.isEmpty()) {
        out.add(ids.size() + " MariaDB statement" + (ids.size() == 1 ? "" : "s")
            + " still running after the JVM ended, killed");
      }
    } catch (SQLException e) {
      out.add("could not check MariaDB for statements left running: " + e.getMessage());
    }
    return String.join("; ", out);
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The versions of the database servers, for the report; a server that does not answer says so. */
  static String servers() {
    List<String> out = new ArrayList<>();
    for (TestDatabase server : List.of(TestDatabase.POSTGRES, TestDatabase.MARIADB)) {
      try (Connection c = server.connect(server == TestDatabase.POSTGRES ? "postgres" : "");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(server == TestDatabase.POSTGRES ? "SHOW server_version"
              : "SELECT VERSION()")) {
        rs.next();
        out.add((server == TestDatabase.POSTGRES ? "PostgreSQL " : "MariaDB ") + rs.getString(1));
      } catch (SQLException e) {
        out.add(server + " version unknown (" + e.getMessage() + ")");
      }
    }
    return String.join(", ", out);
  }

  private static String progress(TpchQueryResult r) {
    return String.format(Locale.ROOT, "TPC-H SF %s %s: xsql %.3f s (first %.3f s), planning %.3f s,"
        + " PostgreSQL %.3f s, %s%s; plain Calcite %.3f s, %s%s", TpchSettings.label(r.scaleFactor()), r.name(),
        r.medianMillis() / 1000, r.first().map(Measurement::millis).orElse(Double.NaN) / 1000,
        r.planningMedianMillis() / 1000, r.referenceMedianMillis() / 1000, r.check(),
        r.note().isEmpty() ? "" : "; " + r.note(), r.peer().medianMillis() / 1000, r.peer().check(),
        r.peer().note().isEmpty() ? "" : "; " + r.peer().note());
  }

  /**
   * The sources' read counters at one moment, or why they could not be read.
   *
   * @param pg PostgreSQL's per table, empty if not read
   * @param mariaDb the MariaDB server's, if read
   * @param mongo the MongoDB server's documents returned to finds
   * @param problem why a counter is missing, else empty
   */
  private record Reads(Map<String, Long> pg, OptionalLong mariaDb, MongoServedDocuments.Count mongo,
      String problem) {
    Map<String, Long> pgSince(Reads before) {
      Map<String, Long> out = new HashMap<>();
      if (!pg.isEmpty() && !before.pg.isEmpty()) {
        pg.forEach((table, n) -> out.put(table, n - before.pg.get(table)));
      }
      return out;
    }

    OptionalLong mariaDbSince(Reads before) {
      return mariaDb.isPresent() && before.mariaDb.isPresent()
          ? OptionalLong.of(mariaDb.getAsLong() - before.mariaDb.getAsLong()) : OptionalLong.empty();
    }

    long mongoSince(Reads before) {
      MongoServedDocuments.Count d = mongo.since(before.mongo);
      return d.toIn() + d.toOther();
    }

    String problemSince(Reads before) {
      return before.problem.isEmpty() ? problem : before.problem;
    }
  }

  /** The counters once PostgreSQL's have settled (the child's backends report theirs as they end). */
  private static Reads reads(String pgUrl, TpchFixture fixture, MongoServedDocuments mongo)
      throws InterruptedException {
    Map<String, Long> pg = Map.of();
    OptionalLong mariaDb = OptionalLong.empty();
    List<String> problems = new ArrayList<>();
    try {
      pg = PgTableReads.settled(pgUrl, PG_TABLES);
    } catch (SQLException e) {
      problems.add("PostgreSQL rows read not measured: " + e.getMessage());
    }
    try (Connection c = TestDatabase.MARIADB.connect(fixture.layout().mariadbDatabase())) {
      mariaDb = OptionalLong.of(MariaDbServerReads.now(c));
    } catch (SQLException e) {
      problems.add("MariaDB rows read not measured: " + e.getMessage());
    }
    return new Reads(pg, mariaDb, mongo.count(), String.join("; ", problems));
  }

  /**
   * Rows of the xsql PostgreSQL tables, counted (the statistics' {@code n_live_tup} was seen at 0 after a
   * load). Counted before the read counters' first reading, so that the count is not taken for a query's.
   */
  private static Map<String, Long> tableRows(String pgUrl) {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
      for (String table : PG_TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          out.put(table, rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      // The report then gives no table sizes; the benchmark itself does not need them.
    }
    return out;
  }
}
