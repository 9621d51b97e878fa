package io.xsql.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST section's JSON API, served on a loopback port in the harness's JVM by the JDK's HTTP server: every
 * answer is sent {@link #LATENCY_MILLIS} after its request arrived, from a scheduler, so that a request waits
 * without holding a thread, as it would on a remote API. It counts requests and the most in flight at once;
 * {@code GET /_stats} (not counted) gives {@code "requests maxInFlight"} and starts a new maximum.
 *
 * <p>{@code /customers?offset=&limit=}: {@link #CUSTOMERS} customers {@code {id, name, city}}, under
 * {@code data}. {@code /orders?customer_id=1,2,3}: {@link #ORDERS_PER_CUSTOMER} orders
 * {@code {id, customer_id, total}} of each customer given, under {@code items}.
 */
final class RestServedApi implements AutoCloseable {
  static final int LATENCY_MILLIS = 20;
  static final int CUSTOMERS = 10_000;
  static final int ORDERS_PER_CUSTOMER = 3;
  static final String STATS = "/_stats";

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newFixedThreadPool(8);
  private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private RestServedApi(HttpServer server) {
    this.server = server;
  }

  /** Starts the API on a free loopback port. */
  static RestServedApi start() throws IOException {
    // Without TCP_NODELAY the server's small writes wait for the client's delayed ACK: about 40 ms more per
    // request on loopback, measured, which would be charged to the client. Read once, when the first server
    // starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    RestServedApi api = new RestServedApi(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128));
    api.server.createContext("/", api::handle);
    api.server.setExecutor(api.handlers);
    api.server.start();
    return api;
  }

  /** The API's base URL. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals(STATS)) {
      send(exchange, 200, requests.get() + " " + maxInFlight.getAndSet(inFlight.get()));
      return;
    }
    requests.incrementAndGet();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String body = switch (path) {
      case "/customers" -> customers(Integer.parseInt(query.getOrDefault("offset", "0")),
          Integer.parseInt(query.getOrDefault("limit", "100")));
      case "/orders" -> orders(query.getOrDefault("customer_id", ""));
      default -> null;
    };
    delays.schedule(() -> {
      // Out of flight before the answer leaves: a client's next request, /_stats included, may come
      // before a decrement after sending, and count this one still in flight.
      inFlight.decrementAndGet();
      try {
        send(exchange, body == null ? 404 : 200, body == null ? "{}" : body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, LATENCY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static String customers(int offset, int limit) {
    StringBuilder b = new StringBuilder("{\"data\":[");
    for (int id = offset + 1; id <= Math.min(CUSTOMERS, offset + limit); id++) {
      b.append(id > offset + 1 ? "," : "").append(String.format(Locale.ROOT,
          "{\"id\":%d,\"name\":\"customer %d\",\"city\":\"city %d\"}", id, id, id % 97));
    }
    return b.append("]}").toString();
  }

  private static String orders(String customers) {
    StringBuilder b = new StringBuilder("{\"items\":[");
    String sep = "";
    for (String c : customers.isEmpty() ? new String[0] : customers.split(",")) {
      int customer = Integer.parseInt(c.trim());
      for (int i = 0; i < ORDERS_PER_CUSTOMER; i++) {
        int id = customer * ORDERS_PER_CUSTOMER + i;
        b.append(sep).append(String.format(Locale.ROOT, "{\"id\":%d,\"customer_id\":%d,\"total\":%d.%02d}", id,
            customer, id % 1000, id % 100));
        sep = ",";
      }
    }
    return b.append("]}").toString();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      Arrays.stream(raw.split("&")).map(p -> p.split("=", 2)).filter(p -> p.length == 2)
          .forEach(p -> out.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    delays.shutdownNow();
    handlers.shutdownNow();
  }
}
