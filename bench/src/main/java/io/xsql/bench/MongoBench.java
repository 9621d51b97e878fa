package io.xsql.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The child side of the MongoDB section. {@code MongoBench CASE RUNS CHECK URI KEYS} runs a {@link MongoCase}
 * RUNS times in one JVM against the server at URI, printing a {@link Measurement} per run; then with CHECK
 * {@code true}, if the case {@link MongoCase#checksRows() checks rows}, runs it once more and prints the rows'
 * count and a checksum of them sorted, and prints xsql's plan, one line at a time. KEYS is the lookup's JSON
 * Lines file.
 */
public final class MongoBench {
  static final String ROWS = "XSQL-BENCH-ROWS ";
  static final String PLAN = "XSQL-BENCH-PLAN ";

  /**
   * The find xsql sends for {@link MongoCase#SCAN_SQL}, as its EXPLAIN shows it, so that the driver's case
   * sends the same command.
   */
  static final Document SCAN_FILTER = new Document("$and", List.of(
      new Document("status", new Document("$eq", "shipped")), new Document("total", new Document("$gt", 500.0))));
  /**
   * The fields xsql's find projects: the columns the query returns and the filter's, which xsql checks again
   * on each document (the report shows the projection the server received from each case).
   */
  static final List<String> XSQL_FIELDS = List.of("_id", "total", "status");
  /** Documents per batch: what xsql's MongoDB cursor asks for. */
  static final int BATCH_SIZE = 1000;

  private MongoBench() {}

  /** One way of running a case's query: every row's values go to a consumer. */
  private interface Reader extends AutoCloseable {
    /** Runs the query once; the rows it returned. */
    long read(Consumer<Object[]> rows) throws SQLException;

    /** The plan, for xsql. */
    List<String> plan() throws SQLException;

    @Override
    void close() throws SQLException;
  }

  public static void main(String[] args) throws SQLException, IOException {
    MongoCase query = MongoCase.valueOf(args[0]);
    int runs = Integer.parseInt(args[1]);
    boolean check = Boolean.parseBoolean(args[2]);
    try (Reader reader = query.engine == MongoCase.Engine.DRIVER ? new DriverReader(args[3],
        query == MongoCase.SCAN_DRIVER ? XSQL_FIELDS : List.of("_id", "total"))
        : new XsqlReader(args[3], Path.of(args[4]), query.sql())) {
      for (int r = 0; r < runs; r++) {
        long t = System.nanoTime();
        long rows = reader.read(row -> { });
        double ms = (System.nanoTime() - t) / 1e6;
        System.out.println(new Measurement(rows, ms, 0, Measurement.jvmPeakHeapMb(),
            Measurement.processPeakRssMb()).toLine());
      }
      if (!check) {
        return;
      }
      if (query.checksRows()) {
        List<String> rows = new ArrayList<>();
        reader.read(row -> rows.add(Arrays.stream(row).map(String::valueOf).collect(Collectors.joining("|"))));
        System.out.println(ROWS + rows.size() + " " + checksum(rows));
      }
      plan(reader).forEach(line -> System.out.println(PLAN + line));
    }
  }

  /** The plan, or why there is none: the runs are measured already, the report says what EXPLAIN said. */
  private static List<String> plan(Reader reader) {
    try {
      return reader.plan();
    } catch (SQLException e) {
      return List.of("EXPLAIN failed: " + e.getMessage().replaceAll("\\s+", " "));
    }
  }

  /** The rows' count and checksum a child printed, if it printed them. */
  static Optional<String> rows(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith(ROWS)).map(l -> l.substring(ROWS.length())).findFirst();
  }

  /** The plan a child printed, empty if none. */
  static List<String> plan(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith(PLAN)).map(l -> l.substring(PLAN.length())).toList();
  }

  /** SHA-256 of the rows sorted, one per line: equal for the same rows in any order. */
  static String checksum(List<String> rows) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      rows.stream().sorted().forEach(r -> digest.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** MongoDB's Java driver sending xsql's filter, reading {@code _id} and {@code total} of every document. */
  private static final class DriverReader implements Reader {
    private final MongoClient client;
    private final MongoCollection<Document> orders;
    private final List<String> fields;

    /** @param fields the projection */
    DriverReader(String uri, List<String> fields) {
      this.client = MongoClients.create(uri);
      this.orders = client.getDatabase(MongoOrders.DATABASE).getCollection(MongoOrders.COLLECTION);
      this.fields = List.copyOf(fields);
    }

    @Override
    public long read(Consumer<Object[]> rows) {
      long n = 0;
      for (Document d : orders.find(SCAN_FILTER).projection(Projections.include(fields)).batchSize(BATCH_SIZE)) {
        rows.accept(new Object[] {d.getInteger("_id"), d.getDouble("total")});
        n++;
      }
      return n;
    }

    @Override
    public List<String> plan() {
      return List.of();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** xsql over a catalog of the server's database and the keys file, reading every column of every row. */
  private static final class XsqlReader implements Reader {
    private final Connection connection;
    private final String sql;

    XsqlReader(String uri, Path keys, String sql) throws SQLException, IOException {
      Path catalog = Files.createTempFile("xsql-mongobench", ".yaml");
      catalog.toFile().deleteOnExit();
      Files.writeString(catalog, "sources:\n  keys: { type: jsonl, path: \"" + keys.toAbsolutePath() + "\" }\n"
          + "  shop: { type: mongodb, uri: \"" + uri + "\", database: " + MongoOrders.DATABASE + " }\n");
      this.connection = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
      this.sql = sql;
    }

    @Override
    public long read(Consumer<Object[]> rows) throws SQLException {
      long n = 0;
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.accept(row);
          n++;
        }
      }
      return n;
    }

    @Override
    public List<String> plan() throws SQLException {
      List<String> plan = new ArrayList<>();
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
        while (rs.next()) {
          plan.addAll(rs.getString(1).lines().toList());
        }
      }
      return plan;
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
