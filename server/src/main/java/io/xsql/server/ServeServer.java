package io.xsql.server;

import io.xsql.spi.DaemonThreads;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running xsql server: Avatica over HTTP(S) in front of {@link ServerMeta}. */
final class ServeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServeServer.class);

  private final ServerMeta meta;
  private final ServerHttp http;
  private final ScheduledExecutorService expiry;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServeServer(ServerMeta meta, ServerHttp http, ScheduledExecutorService expiry) {
    this.meta = meta;
    this.http = http;
    this.expiry = expiry;
  }

  /**
   * Checks the configuration (users file hashed, catalog readable) and starts serving.
   *
   * @throws SQLException if the catalog is bad
   * @throws IOException if the users file cannot be read
   * @throws IllegalArgumentException naming what is wrong in the users file
   */
  static ServeServer start(ServerConfig config) throws SQLException, IOException {
    if (config.usersFile().isPresent()) {
      ServerUsers.check(config.usersFile().get(), config.auth());
    }
    Properties settings = new Properties();
    settings.setProperty("catalog", config.catalog().toString());
    // Fail at start, not on the first client's connection, when the catalog is bad.
    try (Connection check = DriverManager.getConnection("jdbc:xsql:", settings)) {
      check.getMetaData();
    }
    ServerMeta meta = new ServerMeta(config);
    Optional<AvaticaServerConfiguration> auth = config.auth() == ServerAuth.NONE ? Optional.empty()
        : Optional.of(ServerHttp.authentication(config.auth(), config.usersFile().orElseThrow().toFile()));
    Service service = ServerErrors.hidingInternals(new LocalService(meta));
    AvaticaHandler handler = config.serialization() == Serialization.JSON
        ? new AvaticaJsonHandler(service, NoopMetricsSystem.getInstance(), auth.orElse(null))
        : new AvaticaProtobufHandler(service, NoopMetricsSystem.getInstance(), auth.orElse(null));
    SslContextFactory.Server tls = config.tls().map(t -> {
      SslContextFactory.Server f = new SslContextFactory.Server();
      f.setKeyStorePath(t.keystore().toAbsolutePath().toString());
      f.setKeyStorePassword(t.password());
      f.setKeyStoreType(t.type());
      return f;
    }).orElse(null);
    ServerHttp http = new ServerHttp(config.host(), config.port(), new ServerCancel(handler, meta, auth),
        auth.orElse(null), tls);
    http.start();
    ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.named("xsql-serve-expiry"));
    // Once a second at most: expiring is cheap, and an idle timeout of seconds should mean seconds.
    long period = Math.max(100, Math.min(1000, config.idleTimeout().toMillis() / 4));
    expiry.scheduleWithFixedDelay(() -> {
      try {
        meta.expire();
      } catch (RuntimeException e) {
        // A failure must not end the schedule: later runs still have to expire what clients left.
        LOG.warn("Expiring idle connections and statements failed", e);
      }
    }, period, period, TimeUnit.MILLISECONDS);
    return new ServeServer(meta, http, expiry);
  }

  /** The port the server listens on. */
  int port() {
    return http.getPort();
  }

  /** The server's Meta, for tests and monitoring. */
  ServerMeta meta() {
    return meta;
  }

  /** Waits until the server stops. */
  void join() throws InterruptedException {
    http.join();
  }

  /** Stops serving and closes every server-side connection; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    expiry.shutdownNow();
    try {
      http.stop();
    } finally {
      meta.closeAll();
    }
  }
}
