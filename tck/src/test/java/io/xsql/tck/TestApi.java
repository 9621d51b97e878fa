package io.xsql.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A JSON API on a loopback port for the REST source's tests: handlers by path, request counts by path, and
 * the query parameters of every request.
 */
final class TestApi implements AutoCloseable {
  /** A response: status, headers and body. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer json(String body) {
      return new Answer(200, Map.of("Content-Type", "application/json"), body);
    }
  }

  /** What a handler sees of a request. */
  record Call(String path, Map<String, String> query, Map<String, List<String>> headers) {
    String param(String name) {
      return query.get(name);
    }

    int intParam(String name, int otherwise) {
      return query.containsKey(name) ? Integer.parseInt(query.get(name)) : otherwise;
    }
  }

  private final HttpServer server;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());

  TestApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** Answers requests whose path starts with {@code prefix}. */
  TestApi on(String prefix, Function<Call, Answer> handler) {
    server.createContext(prefix, exchange -> answer(exchange, handler));
    return this;
  }

  private void answer(HttpExchange exchange, Function<Call, Answer> handler) throws IOException {
    try (exchange) {
      Map<String, String> query = new LinkedHashMap<>();
      String raw = exchange.getRequestURI().getRawQuery();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      Call call = new Call(exchange.getRequestURI().getPath(), query, exchange.getRequestHeaders());
      calls.add(call);
      counts.computeIfAbsent(exchange.getHttpContext().getPath(), p -> new AtomicInteger()).incrementAndGet();
      Answer a = handler.apply(call);
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** Requests so far to the handler registered at {@code prefix}. */
  int count(String prefix) {
    AtomicInteger n = counts.get(prefix);
    return n == null ? 0 : n.get();
  }

  void reset() {
    counts.clear();
    calls.clear();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
