package io.xsql.server;

import java.io.IOException;
import java.sql.SQLException;

/** One subcommand of {@code xsql}: it checks its own arguments and returns the exit code. */
interface Subcommand {

  /** The synopsis and a one-line description, for the usage text. */
  String usage();

  /**
   * Runs the subcommand.
   *
   * @return the exit code
   * @throws UsageException if the arguments do not fit
   * @throws SQLException if a query or the catalog fails
   * @throws IOException if the terminal fails
   */
  int run(CommandArgs args, CommandStreams io) throws UsageException, SQLException, IOException;
}
