package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The harness side of the join-strategy benchmark: runs every {@link JoinQuery} in its own JVM (xsql's
 * class-data-sharing options, the case's heap cap), warm, and for the lookup cases counts the rows
 * PostgreSQL read in one more JVM running the query once.
 */
final class JoinSuite {
  /** Keys looked up in the PostgreSQL table (fewer if the table is smaller). */
  static final int KEYS = 10_000;

  private final BenchSettings settings;
  private final ChildJvm childJvm;
  private final List<String> xsqlOptions;

  JoinSuite(BenchSettings settings, ChildJvm childJvm, List<String> xsqlOptions) {
    this.settings = settings;
    this.childJvm = childJvm;
    this.xsqlOptions = List.copyOf(xsqlOptions);
  }

  /** The keys the lookup reads: {@link #KEYS}, or every row of a smaller table. */
  static int keyCount(long dbRows) {
    return (int) Math.min(KEYS, dbRows);
  }

  /**
   * Q1 over the data set in {@code data} with each strategy. Each JVM gets an empty temporary folder, where
   * the file index of a mmap join goes by default, so that its first run builds the index and the timed
   * runs reuse it.
   */
  List<JoinResult> q1(Path data) throws IOException, InterruptedException {
    List<JoinResult> out = new ArrayList<>();
    for (JoinQuery q : JoinQuery.of(JoinQuery.Part.Q1)) {
      Path tmp = settings.data().resolve("join-tmp").resolve(q.name()).toAbsolutePath();
      DataFile.emptyFolder(tmp);
      out.add(result(q, run(q, settings.warmRuns() + 1, true, List.of(data.toString()),
          List.of("-Djava.io.tmpdir=" + tmp)), OptionalLong.empty(), ""));
    }
    return out;
  }

  /** The lookup of {@link #keyCount} keys from a JSON Lines file into the PostgreSQL table, both plans. */
  List<JoinResult> lookup() throws IOException, InterruptedException {
    String table;
    try {
      table = DbBench.prepare(settings.dbUrl(), settings.dbRows());
    } catch (SQLException e) {
      return JoinQuery.of(JoinQuery.Part.LOOKUP).stream().map(q -> new JoinResult(q, Optional.empty(), List.of(),
          Optional.empty(), OptionalLong.empty(), "PostgreSQL not available: " + e.getMessage())).toList();
    }
    Path keys = keys(settings.data().resolve("lookup"), keyCount(settings.dbRows()), settings.dbRows());
    List<String> target = List.of(keys.toAbsolutePath().toString(), settings.dbUrl(), table);
    List<JoinResult> out = new ArrayList<>();
    for (JoinQuery q : JoinQuery.of(JoinQuery.Part.LOOKUP)) {
      ChildJvm.Output timed = run(q, settings.warmRuns() + 1, true, target, List.of());
      OptionalLong reads = OptionalLong.empty();
      String problem;
      try {
        long before = PgTableReads.settled(settings.dbUrl(), table);
        ChildJvm.Output once = run(q, 1, false, target, List.of());
        long after = PgTableReads.settled(settings.dbUrl(), table);
        problem = once.problem().isEmpty() ? "" : "rows read not measured: " + once.problem();
        reads = problem.isEmpty() ? OptionalLong.of(after - before) : OptionalLong.empty();
      } catch (SQLException e) {
        problem = "rows read not measured: " + e.getMessage();
      }
      out.add(result(q, timed, reads, problem));
    }
    return out;
  }

  private ChildJvm.Output run(JoinQuery q, int runs, boolean explain, List<String> target, List<String> jvm)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(q.name(), String.valueOf(runs), String.valueOf(explain)));
    args.addAll(target);
    List<String> options = new ArrayList<>(xsqlOptions);
    q.heap.ifPresent(options::add);
    options.addAll(jvm);
    ChildJvm.Output c = childJvm.run(JoinBench.class.getName(), args, options, false);
    return c.problem().isEmpty() && c.runs().size() != runs ? c.failed("too few measurements") : c;
  }

  /** The first run apart, the timed runs after it (none if the JVM failed). */
  private static JoinResult result(JoinQuery q, ChildJvm.Output c, OptionalLong reads, String problem) {
    boolean ok = c.problem().isEmpty();
    String note = String.join("; ", Stream.of(c.problem(), problem).filter(s -> !s.isEmpty()).toList());
    return new JoinResult(q, c.runs().stream().findFirst(), ok ? c.runs().subList(1, c.runs().size()) : List.of(),
        JoinBench.strategy(c.lines()), reads, note);
  }

  /**
   * The keys file: {@code count} distinct ids drawn from 1..{@code max} (seed 42), in drawn order, one
   * {@code {"id": N}} per line; written once, under a name that says what it holds.
   */
  static Path keys(Path dir, int count, long max) throws IOException {
    Path file = dir.resolve("keys-" + count + "-of-" + max + ".jsonl");
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    Random random = new Random(42);
    Set<Long> ids = new LinkedHashSet<>();
    while (ids.size() < count) {
      ids.add(1 + Math.floorMod(random.nextLong(), max));
    }
    StringBuilder b = new StringBuilder();
    ids.forEach(id -> b.append("{\"id\": ").append(id).append("}\n"));
    // Written aside and moved, so that an interrupted write is never taken for the file.
    Path part = dir.resolve(file.getFileName() + ".part");
    Files.writeString(part, b);
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

}
