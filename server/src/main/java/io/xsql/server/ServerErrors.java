package io.xsql.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors as remote clients receive them. Avatica sends a plain exception's message with SQLState 00000;
 * what carries an SQLException (xsql's: 42S02, HYT00, 22000...) is sent with its SQLState instead.
 */
final class ServerErrors {
  /** SQLState for a statement or setting the server does not permit. */
  static final String FORBIDDEN = "42501";
  /** SQLState for a failure of the server itself, which says no more than its error id. */
  static final String INTERNAL = "XX000";

  private static final Logger LOG = LoggerFactory.getLogger(ServerErrors.class);

  private ServerErrors() {}

  /** An error the client receives with SQLState 42501 and this message. */
  static AvaticaRuntimeException forbidden(String message) {
    return new AvaticaRuntimeException(message, 0, FORBIDDEN, AvaticaSeverity.ERROR);
  }

  /**
   * The service as remote clients reach it: an error reaches them as its SQLState, message and an error id,
   * never the server's stack trace or its causes' classes, which Avatica would otherwise put into every
   * error response; the server logs the whole error under the same id.
   */
  static Service hidingInternals(Service service) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          try {
            return method.invoke(service, args);
          } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? forClient(r) : e.getCause();
          }
        });
  }

  /** What the client gets of an error; the server's log gets all of it. */
  private static RuntimeException forClient(RuntimeException e) {
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffffL);
    LOG.warn("Error {} answered to a client", id, e);
    if (e instanceof NoSuchConnectionException) {
      // Avatica's clients recognize it and reconnect; only the trace goes.
      e.setStackTrace(new StackTraceElement[0]);
      return e;
    }
    RuntimeException translated = translate(e);
    AvaticaRuntimeException clean = translated instanceof AvaticaRuntimeException a
        ? new AvaticaRuntimeException(a.getErrorMessage() + " (error " + id + ")", a.getErrorCode(), a.getSqlState(),
            a.getSeverity())
        : new AvaticaRuntimeException("the server failed (error " + id + ", in the server's log)", 0, INTERNAL,
            AvaticaSeverity.ERROR);
    clean.setStackTrace(new StackTraceElement[0]);
    return clean;
  }

  /** {@code e} with the SQLState of the first SQLException in its causes, if any; else {@code e}. */
  static RuntimeException translate(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return new AvaticaRuntimeException(sql.getMessage(), sql.getErrorCode(), sql.getSQLState(),
            AvaticaSeverity.ERROR);
      }
    }
    return e;
  }
}
