package io.xsql.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;

/**
 * Which statements remote users may run: queries and EXPLAIN, unless their settings allow writes. Anything
 * else (DML, DDL, and whatever would one day register a source or touch a file) is refused before it
 * reaches the engine.
 */
final class ServerQueries {
  private ServerQueries() {}

  /**
   * Refuses {@code sql} unless {@code user} may run it. The statement is parsed with the connection's own
   * lexical settings; one that does not parse passes, so that the engine reports its syntax error.
   *
   * @throws org.apache.calcite.avatica.remote.AvaticaRuntimeException 42501 naming the kind of statement
   *     refused
   */
  static void check(String sql, Connection connection, ServerUser user) throws SQLException {
    if (user.allowWrites()) {
      return;
    }
    CalciteConnectionConfig c = connection.unwrap(CalciteConnection.class).config();
    SqlParser.Config config = SqlParser.config()
        .withQuoting(c.quoting())
        .withQuotedCasing(c.quotedCasing())
        .withUnquotedCasing(c.unquotedCasing())
        .withCaseSensitive(c.caseSensitive())
        .withConformance(c.conformance())
        .withParserFactory(c.parserFactory(SqlParserImplFactory.class, SqlParserImpl.FACTORY));
    SqlNode node;
    try {
      node = SqlParser.create(sql, config).parseStmt();
    } catch (SqlParseException e) {
      return;
    }
    SqlKind kind = node.getKind();
    if (!kind.belongsTo(SqlKind.QUERY) && kind != SqlKind.EXPLAIN) {
      throw ServerErrors.forbidden("user '" + ServerCaller.printable(user.name())
          + "' may run queries and EXPLAIN only; " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " statements are refused "
          + "(the server configuration's allow_writes lets a user run them)");
    }
  }
}
