package io.xsql.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.xsql.spi.ErrorCode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@code jdbc:xsql:remote:} statement's cancel to the xsql server that runs it
 * ({@link RemoteCancelRequest}), through an HTTP client that Avatica's factory configures from the
 * connection's settings: the same credentials, TLS settings and connection pool as the connection's own.
 */
public final class RemoteCancel {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteCancel.class);

  private RemoteCancel() {}

  /**
   * Asks the server of {@code connection} to cancel the statement {@code statementId}; returns once the
   * server has. A statement the server no longer has runs nothing, so that is no error.
   *
   * @throws SQLException if the server cannot be reached, refuses the login or is not an xsql server
   */
  public static void send(AvaticaConnection connection, int statementId) throws SQLException {
    ConnectionConfig config = connection.config();
    if (config.useClientSideLb()) {
      throw new SQLFeatureNotSupportedException("cancel cannot tell which server of a client-side load"
          + " balancing list runs the statement; use a query timeout", ErrorCode.UNSUPPORTED.sqlState());
    }
    URL url = url(config.url());
    // A client of its own, not the connection's: Avatica's client keeps per-request state (its HTTP
    // context) that the executing thread is using. Clients are cheap; Avatica caches their pools.
    AvaticaHttpClient client = config.httpClientFactory().getClient(url, config,
        connection.getKerberosConnection());
    byte[] answer;
    try {
      answer = client.send(new RemoteCancelRequest(connection.id, statementId).encode());
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("HTTP/404")) {
        LOG.debug("The server no longer has statement {} of connection {}", statementId, connection.id);
        return;
      }
      throw RemoteDriver.httpFailure(e);
    }
    // An Avatica server without xsql's endpoint answers any path with an Avatica error message.
    if (!RemoteCancelRequest.CANCELED.equals(new String(answer, UTF_8))) {
      throw new SQLFeatureNotSupportedException("the server at " + config.url() + " takes no cancel requests;"
          + " is it an xsql server?", ErrorCode.UNSUPPORTED.sqlState());
    }
  }

  /** The cancel endpoint below the server URL the connection was made with. */
  private static URL url(String server) throws SQLException {
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    try {
      return URI.create(base + RemoteCancelRequest.PATH).toURL();
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw new SQLException("bad server url " + server, ErrorCode.CONNECT.sqlState(), e);
    }
  }
}
