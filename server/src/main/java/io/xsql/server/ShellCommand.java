package io.xsql.server;

import io.xsql.driver.XsqlDriver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sqlline.SqlLine;

/** {@code xsql shell}: an interactive SQL shell, sqlline connected to a catalog. */
final class ShellCommand implements Subcommand {
  /** Row width when there is no screen to fit: wide enough that sqlline cuts no column short. */
  private static final int UNBOUNDED_WIDTH = 10_000;

  @Override
  public String usage() {
    return "shell [--catalog FILE]\n"
        + "    Opens an interactive SQL shell with history and completion; !help lists its commands,\n"
        + "    !quit leaves.";
  }

  @Override
  public int run(CommandArgs args, CommandStreams io) throws UsageException, IOException {
    args.allowOnly(Set.of("catalog"));
    args.none();
    List<String> sqllineArgs = new ArrayList<>(List.of(
        "-u", ConnectionUrl.of(args.option("catalog")),
        "-d", XsqlDriver.class.getName(),
        // An empty user and password keep sqlline from prompting: xsql has no login.
        "-n", "",
        "-p", "",
        // xsql has no transactions; sqlline's default level would draw a complaint on every connect.
        "--isolation=TRANSACTION_NONE",
        "--prompt=xsql> "));
    InputStream in = io.in().orElse(null);
    if (in == null && System.console() == null) {
      // Piped: jline falls back to a dumb terminal, which is expected here and need not be warned about,
      // and whose width of zero would blank every column.
      System.setProperty("org.jline.terminal.dumb", "true");
      sqllineArgs.add("--maxWidth=" + UNBOUNDED_WIDTH);
    }
    io.out().flush();
    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(io.out());
    sqlLine.setErrorStream(io.err());
    // History is worth keeping for a person at a terminal, not for lines fed in.
    SqlLine.Status status = sqlLine.begin(sqllineArgs.toArray(String[]::new), in, in == null);
    return status == SqlLine.Status.OK ? 0 : 1;
  }
}
