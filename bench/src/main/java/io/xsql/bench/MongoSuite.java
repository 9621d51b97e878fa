package io.xsql.bench;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.internal.build.MongoDriverVersion;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;

/**
 * The harness side of the MongoDB section: starts mongo-java-server in this JVM on a free loopback port,
 * loads the generated orders, writes the lookup joins' keys files, checks whether the server answers
 * {@code $in} from an index, then runs each
 * {@link MongoCase} in its own {@link MongoBench} JVM and counts the documents the server returns to one more
 * JVM running the query once, and the server's time. The server lives here rather than in a child so
 * that the 64 MiB case caps xsql's heap, not the collection's.
 */
final class MongoSuite {
  private static final String QUIET_LOGGER = "org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire";

  private final BenchSettings settings;
  private final ChildJvm childJvm;

  MongoSuite(BenchSettings settings) {
    this.settings = settings;
    this.childJvm = new ChildJvm(settings.timeoutMillis());
  }

  /** The server logs every client connecting and leaving; its warnings (an index it ignores) stay. */
  static void quietServerLog() {
    if (System.getProperty(QUIET_LOGGER) == null) {
      System.setProperty(QUIET_LOGGER, "warn");
    }
  }

  MongoRun run() throws IOException, InterruptedException {
    MongoSettings mongo = settings.mongo();
    String loadBefore = Machine.loadAverage().orElse("n/a");
    quietServerLog();
    MongoServedDocuments backend = new MongoServedDocuments();
    MongoServer server = new MongoServer(backend);
    try {
      server.bind("127.0.0.1", 0);
      String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
      double loadMillis;
      MongoIndexCheck index;
      Map<MongoCase.Part, Path> keysFiles = new EnumMap<>(MongoCase.Part.class);
      for (MongoCase.Part part : List.of(MongoCase.Part.LOOKUP, MongoCase.Part.LOOKUP_ID)) {
        keysFiles.put(part, JoinSuite.keys(settings.data().resolve("mongo"), mongo.keys(), mongo.keyRange(part)));
      }
      try (MongoClient client = MongoClients.create(uri)) {
        MongoCollection<Document> orders = client.getDatabase(MongoOrders.DATABASE)
            .getCollection(MongoOrders.COLLECTION);
        System.out.printf(Locale.ROOT, "MongoDB: loading %,d orders into mongo-java-server at %s%n",
            mongo.documents(), uri);
        long start = System.nanoTime();
        MongoOrders.load(orders, mongo.documents(), mongo.customers());
        loadMillis = (System.nanoTime() - start) / 1e6;
        index = MongoIndexCheck.measure(orders, keys(keysFiles.get(MongoCase.Part.LOOKUP)), settings.warmRuns());
      } catch (MongoException e) {
        return new MongoRun(MongoDriverVersion.VERSION, Double.NaN, Optional.empty(), List.of(),
            List.of(loadBefore, Machine.loadAverage().orElse("n/a")), "loading failed: " + e);
      }
      List<MongoResult> results = new ArrayList<>();
      // The lookups first: after the scans' finds, the server ran the same $in find several times slower
      // (it compares each document's key with every key as boxed numbers; its JIT-compiled code for that got
      // worse once other filters had run), which would be charged to the lookup plan.
      for (MongoCase.Part part : List.of(MongoCase.Part.LOOKUP, MongoCase.Part.LOOKUP_ID, MongoCase.Part.SCAN)) {
        for (MongoCase q : MongoCase.of(part)) {
          // The scan reads no keys file: it is given the customers' all the same.
          MongoResult r = result(q, uri, keysFiles.getOrDefault(part, keysFiles.get(MongoCase.Part.LOOKUP)),
              backend);
          System.out.printf(Locale.ROOT, "MongoDB %s: %s%n", q, r.runs().isEmpty() ? r.note()
              : String.format(Locale.ROOT, "%.3f s, %,d rows", r.medianMillis() / 1000, r.rows()));
          results.add(r);
        }
      }
      return new MongoRun(MongoDriverVersion.VERSION, loadMillis, Optional.of(index), results,
          List.of(loadBefore, Machine.loadAverage().orElse("n/a")), "");
    } finally {
      server.shutdownNow();
    }
  }

  /**
   * One case: warm-up plus the timed runs in one JVM, then one more JVM running it once while the server
   * counts what it returns and its time; the 64 MiB case runs once, to see it finish.
   */
  private MongoResult result(MongoCase q, String uri, Path keys, MongoServedDocuments backend)
      throws IOException, InterruptedException {
    boolean warmUp = q != MongoCase.SCAN_XSQL_64M;
    MongoResult r = MongoResult.of(q, run(q, warmUp ? settings.warmRuns() + 1 : 1, true, uri, keys), warmUp);
    if (!warmUp || r.runs().isEmpty()) {
      return r;
    }
    MongoServedDocuments.Count before = backend.count();
    ChildJvm.Output once = run(q, 1, false, uri, keys);
    return once.problem().isEmpty() ? r.withServed(Optional.of(backend.count().since(before)),
        Optional.of(backend.lastProjection()).filter(p -> !p.isEmpty()), "")
        : r.withServed(Optional.empty(), Optional.empty(), "documents served not counted: " + once.problem());
  }

  /** Runs a case in a JVM; {@code check}: the rows' checksum and the plan after the runs. */
  private ChildJvm.Output run(MongoCase q, int runs, boolean check, String uri, Path keys)
      throws IOException, InterruptedException {
    ChildJvm.Output c = childJvm.run(MongoBench.class.getName(), List.of(q.name(), String.valueOf(runs),
        String.valueOf(check), uri, keys.toAbsolutePath().toString()), List.of(q.heap), false);
    return c.problem().isEmpty() && c.runs().size() != runs ? c.failed("too few measurements") : c;
  }

  /** The keys of the lookup's file, in its order. */
  private static List<Integer> keys(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(l -> Integer.valueOf(l.replaceAll("[^0-9]", ""))).toList();
  }
}
