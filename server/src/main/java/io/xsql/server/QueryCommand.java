package io.xsql.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;

/** {@code xsql query}: runs one query and prints its rows as a table, CSV or JSON. */
final class QueryCommand implements Subcommand {

  @Override
  public String usage() {
    return "query [--catalog FILE] [--format " + ResultFormat.names() + "] SQL\n"
        + "    Runs one SQL query and prints its rows (default format: table).";
  }

  @Override
  public int run(CommandArgs args, CommandStreams io) throws UsageException, SQLException {
    args.allowOnly(Set.of("catalog", "format"));
    ResultFormat format = ResultFormat.parse(args.option("format").orElse("table"));
    String sql = args.single("SQL query");
    try (Connection connection = DriverManager.getConnection(ConnectionUrl.of(args.option("catalog")))) {
      QueryPrinter.query(connection, sql, format, io.out(), io.err());
    }
    return 0;
  }
}
