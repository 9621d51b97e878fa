package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness side of the REST section: serves {@link RestServedApi} in this JVM, writes the lookup's keys file,
 * and runs each {@link RestCase} in its own {@link RestBench} JVM (-Xmx256m), one untimed run then the timed
 * ones. The API lives here so that it counts the requests of every client JVM.
 */
final class RestSuite {
  /** Distinct customers in the lookup's keys file, drawn from all of them. */
  static final int KEYS = 1000;

  private final BenchSettings settings;
  private final ChildJvm childJvm;

  RestSuite(BenchSettings settings) {
    this.settings = settings;
    this.childJvm = new ChildJvm(settings.timeoutMillis());
  }

  RestRun run() throws IOException, InterruptedException {
    String loadBefore = Machine.loadAverage().orElse("n/a");
    Path keys = JoinSuite.keys(settings.data().resolve("rest"), KEYS, RestServedApi.CUSTOMERS);
    List<RestResult> results = new ArrayList<>();
    try (RestServedApi api = RestServedApi.start()) {
      for (RestCase q : RestCase.values()) {
        ChildJvm.Output c = childJvm.run(RestBench.class.getName(), List.of(q.name(),
            String.valueOf(settings.warmRuns() + 1), api.url(), keys.toAbsolutePath().toString()),
            List.of("-Xmx256m"), false);
        RestResult r = RestResult.of(q, c);
        System.out.printf(Locale.ROOT, "REST %s: %s%n", q, r.runs().isEmpty() ? r.note() : String.format(
            Locale.ROOT, "%.3f s, %,d rows, requests: first run %s, timed runs %s", r.medianMillis() / 1000, r.rows(),
            r.firstRequests().map(RestBench.Requests::count).orElse(-1L),
            r.requests().stream().map(RestBench.Requests::count).toList()));
        results.add(r);
      }
    }
    return new RestRun(KEYS, results, List.of(loadBefore, Machine.loadAverage().orElse("n/a")));
  }
}
