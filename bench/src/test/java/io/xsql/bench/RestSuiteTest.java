package io.xsql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The REST section: the served API's latency, records and counts, and the pieces that read a child's output
 * (the whole suite runs for minutes by design: its one-key-per-request case waits 20 ms a key).
 */
final class RestSuiteTest {
  @Test
  void theApiAnswersLateAndCountsRequests() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (RestServedApi api = RestServedApi.start()) {
      long t = System.nanoTime();
      String last = get(http, api.url() + "/customers?offset=9950&limit=100");
      assertThat((System.nanoTime() - t) / 1e6).isGreaterThanOrEqualTo(RestServedApi.LATENCY_MILLIS);
      assertThat(last).startsWith("{\"data\":[{\"id\":9951,").endsWith("{\"id\":10000,\"name\":\"customer 10000\","
          + "\"city\":\"city 9\"}]}");
      assertThat(get(http, api.url() + "/customers?offset=10000&limit=100")).isEqualTo("{\"data\":[]}");
      assertThat(get(http, api.url() + "/orders?customer_id=2%2C7")).isEqualTo("{\"items\":["
          + "{\"id\":6,\"customer_id\":2,\"total\":6.06},{\"id\":7,\"customer_id\":2,\"total\":7.07},"
          + "{\"id\":8,\"customer_id\":2,\"total\":8.08},{\"id\":21,\"customer_id\":7,\"total\":21.21},"
          + "{\"id\":22,\"customer_id\":7,\"total\":22.22},{\"id\":23,\"customer_id\":7,\"total\":23.23}]}");
      assertThat(get(http, api.url() + RestServedApi.STATS)).isEqualTo("3 1");
      assertThat(get(http, api.url() + RestServedApi.STATS)).isEqualTo("3 0");
    }
  }

  @Test
  void requestsAndFloorsAreReadAndComputed() {
    assertThat(RestBench.Requests.parse(new RestBench.Requests(20, 4).toLine())).contains(new RestBench.Requests(20,
        4));
    assertThat(RestBench.Requests.parse("XSQL-BENCH 1 2.0 0 1 1")).isEmpty();
    RestReport report = new RestReport(BenchSettings.parse("--suites", "rest"), Machine.describe(),
        new RestRun(1000, List.of(), List.of("n/a", "n/a")));
    assertThat(report.floorMillis(RestCase.LISTING)).isEqualTo(2000);
    assertThat(report.floorMillis(RestCase.LOOKUP_BATCHED)).isEqualTo(100);
    assertThat(report.floorMillis(RestCase.LOOKUP_ONE_BY_ONE)).isEqualTo(20_000);
    assertThat(new RestResult(RestCase.LOOKUP_BATCHED, Optional.empty(), Optional.empty(), List.of(),
        List.of(new RestBench.Requests(20, 4), new RestBench.Requests(20, 3)), Optional.empty(),
        List.of("XsqlLookupJoin(strategy=[LOOKUP], joinType=[inner])"), "").requestsPerRun()).contains(20L);
    assertThat(BenchSettings.parse().runs("rest")).isTrue();
  }

  private static String get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
