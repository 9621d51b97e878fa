package io.xsql.examples.federated;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The shop's shipping API on a loopback port: {@code GET /shipments?page=1&per_page=10} lists shipments a
 * page at a time, and {@code order_id=3,7,9} narrows it to those orders, as a carrier's tracking API
 * would. Answers {@code {"shipments": [...], "page": n}}; counts the requests it answers.
 */
final class ShopApi implements AutoCloseable {
  private final HttpServer server;
  private final List<Map<String, Object>> shipments;
  private final AtomicInteger requests = new AtomicInteger();

  private ShopApi(HttpServer server, List<Map<String, Object>> shipments) {
    this.server = server;
    this.shipments = List.copyOf(shipments);
  }

  /** Serves the shipments on a free loopback port. */
  static ShopApi start(List<Map<String, Object>> shipments) throws IOException {
    ShopApi api = new ShopApi(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16), shipments);
    api.server.createContext("/shipments", api::shipments);
    api.server.start();
    return api;
  }

  /** Where it listens, e.g. {@code http://127.0.0.1:40123}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests answered so far. */
  int requests() {
    return requests.get();
  }

  private void shipments(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    int size = Integer.parseInt(query.getOrDefault("per_page", "10"));
    Set<String> wanted = query.containsKey("order_id") ? Set.of(query.get("order_id").split(",")) : null;
    List<Map<String, Object>> matching = shipments.stream()
        .filter(s -> wanted == null || wanted.contains(String.valueOf(s.get("order_id")))).toList();
    String records = matching.stream().skip((long) (page - 1) * size).limit(size).map(ShopApi::json)
        .collect(Collectors.joining(", "));
    byte[] body = ("{\"shipments\": [" + records + "], \"page\": " + page + "}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      Arrays.stream(raw.split("&")).map(p -> p.split("=", 2)).filter(p -> p.length == 2)
          .forEach(p -> out.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** A record as JSON; a NULL field is left out, as APIs do. */
  private static String json(Map<String, Object> record) {
    Map<String, Object> present = new LinkedHashMap<>(record);
    present.values().removeIf(v -> v == null);
    return present.entrySet().stream().map(e -> quote(e.getKey()) + ": " + (e.getValue() instanceof Number n
        ? n.toString() : quote(e.getValue().toString()))).collect(Collectors.joining(", ", "{", "}"));
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
