package io.xsql.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;

/** {@code xsql explain}: prints the plan of one query without running it. */
final class ExplainCommand implements Subcommand {

  @Override
  public String usage() {
    return "explain [--catalog FILE] SQL\n"
        + "    Prints the plan xsql chooses for SQL: which source does what, and how the sources are joined.";
  }

  @Override
  public int run(CommandArgs args, CommandStreams io) throws UsageException, SQLException {
    args.allowOnly(Set.of("catalog"));
    String sql = args.single("SQL query");
    try (Connection connection = DriverManager.getConnection(ConnectionUrl.of(args.option("catalog")))) {
      QueryPrinter.explain(connection, sql, io.out());
    }
    return 0;
  }
}
