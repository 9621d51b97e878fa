package org.apache.calcite.avatica.jdbc;

import java.sql.Statement;

/**
 * Reads the statement of a {@link StatementInfo}, which Avatica keeps package-private; the xsql server
 * needs it to check that a statement id belongs to the caller's connection and to set its limits.
 */
public final class ServerStatementInfo {
  private ServerStatementInfo() {}

  /** The JDBC statement behind an entry of {@link JdbcMeta}'s statement cache. */
  public static Statement statement(StatementInfo info) {
    return info.statement;
  }
}
