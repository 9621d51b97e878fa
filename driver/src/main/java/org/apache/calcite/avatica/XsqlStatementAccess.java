package org.apache.calcite.avatica;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the embedded driver's statements need of Avatica's statement and Avatica keeps protected: the
 * cancel flag, which keys a statement's executions in the session, and the check that it is open. In
 * Avatica's package for that reason only, as {@link XsqlRemoteFactory} is.
 */
public final class XsqlStatementAccess {
  private XsqlStatementAccess() {
  }

  /** The flag Avatica raises to cancel the statement; one object for the statement's lifetime. */
  public static AtomicBoolean cancelFlag(AvaticaStatement statement) {
    return statement.cancelFlag;
  }

  /** Fails as the statement's own methods do once it is closed. */
  public static void checkOpen(AvaticaStatement statement) throws SQLException {
    statement.checkOpen();
  }
}
