package io.xsql.stream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A NATS server of a test's own, on a free port with JetStream stored in a folder, so that the test can stop
 * it and start it again on the same port and store without touching the server other tests use.
 */
final class NatsTestServer implements AutoCloseable {
  private static final String BINARY = "/usr/sbin/nats-server";

  private final int port;
  private final Path store;
  private Process process;

  NatsTestServer(Path store) throws IOException, InterruptedException {
    this.store = store;
    try (ServerSocket free = new ServerSocket(0)) {
      this.port = free.getLocalPort();
    }
    start();
  }

  String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** Starts the server (again) and returns once it accepts connections. */
  void start() throws IOException, InterruptedException {
    process = new ProcessBuilder(BINARY, "-a", "127.0.0.1", "-p", String.valueOf(port), "-js", "-sd",
        store.toString()).redirectErrorStream(true).redirectOutput(store.resolve("server.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nats-server did not start on port " + port);
  }

  /** Stops the server, as a crash or a restart of the broker would. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** A stream {@code name} with subjects {@code name.>}, kept in files so that it outlives a restart. */
  void addStream(String name) throws IOException, InterruptedException, JetStreamApiException {
    try (Connection c = Nats.connect(url())) {
      c.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(name + ".>")
          .storageType(StorageType.File).build());
    }
  }

  /** Publishes to {@code stream.a} and waits for the stream to store it. */
  void publish(String stream, byte[] body) throws IOException, InterruptedException, JetStreamApiException {
    try (Connection c = Nats.connect(url())) {
      c.jetStream().publish(stream + ".a", body);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
