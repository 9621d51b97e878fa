package io.xsql.driver;

import io.xsql.spi.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.XsqlRemoteFactory;
import org.apache.calcite.avatica.remote.Driver;

/**
 * {@code jdbc:xsql:remote:}: Avatica's remote driver, speaking protobuf unless told otherwise, whose
 * statements' cancel reaches the server ({@link RemoteCancel}).
 */
final class RemoteDriver {
  private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";

  /** Created on first use: loading Avatica's driver registers it, which embedded users need not pay for. */
  private static final class Holder {
    static final Driver DRIVER = new Driver() {
      @Override
      protected String getFactoryClassName(JdbcVersion jdbcVersion) {
        // Avatica's JDBC objects, with a Statement.cancel that reaches the server.
        return XsqlRemoteFactory.class.getName();
      }
    };
  }

  private RemoteDriver() {}

  /** Connects to the server that {@code settings} (Avatica's {@code url=...;...}) name. */
  static Connection connect(String settings, Properties info) throws SQLException {
    Properties withDefaults = new Properties();
    if (info != null) {
      withDefaults.putAll(info);
    }
    String serialization = BuiltInConnectionProperty.SERIALIZATION.camelName();
    // Protobuf is smaller and faster than Avatica's JSON default; xsql servers speak protobuf unless told.
    if (!ConnectStringParser.parse(settings).containsKey(serialization)
        && !withDefaults.containsKey(serialization)) {
      withDefaults.setProperty(serialization, "protobuf");
    }
    try {
      return Holder.DRIVER.connect(AVATICA_PREFIX + settings, withDefaults);
    } catch (AvaticaClientRuntimeException e) {
      // The server refused the connection (a forbidden property, a bad catalog): JDBC callers expect an
      // SQLException with the server's SQLState, not Avatica's unchecked exception.
      throw new SQLException(e.getMessage(), e.getSqlState(), e.getErrorCode(), e);
    } catch (RuntimeException e) {
      throw httpFailure(e);
    }
  }

  /**
   * A failure of Avatica's HTTP client, which fails unchecked, as JDBC callers expect it: a refused login
   * (HTTP 401/403) or an unreachable server.
   */
  static SQLException httpFailure(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    boolean refused = message.contains("HTTP/401") || message.contains("HTTP/403");
    return new SQLException((refused ? "the xsql server refused the login: " : "cannot reach the xsql server: ")
        + message, (refused ? ErrorCode.AUTH : ErrorCode.CONNECT).sqlState(), e);
  }
}
