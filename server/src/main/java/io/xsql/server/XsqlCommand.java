package io.xsql.server;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code xsql} command: {@code query}, {@code explain}, {@code schema}, {@code shell}, {@code demo},
 * {@code serve} and {@code export} over a catalog file. Exit codes: 0 success, 1 a query, the catalog or the terminal failed, 2 the
 * command line was wrong.
 */
public final class XsqlCommand {
  /** Exit code for success. */
  public static final int OK = 0;
  /** Exit code when a query, the catalog or the terminal fails. */
  public static final int FAILED = 1;
  /** Exit code for a command line that does not fit. */
  public static final int USAGE = 2;

  /** The subcommands, in the order the usage text lists them. */
  private static final Map<String, Subcommand> COMMANDS = commands();

  private XsqlCommand() {}

  private static Map<String, Subcommand> commands() {
    Map<String, Subcommand> out = new LinkedHashMap<>();
    out.put("query", new QueryCommand());
    out.put("explain", new ExplainCommand());
    out.put("schema", new SchemaCommand());
    out.put("shell", new ShellCommand());
    out.put("demo", new DemoCommand());
    out.put("serve", new ServeCommand());
    out.put("export", new ExportCommand());
    return out;
  }

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    // UTF-8 whatever the platform default: CSV and JSON readers expect it, and data is rarely ASCII.
    PrintStream out = new PrintStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, Optional.empty(), out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command with the given streams; {@code shell} reads the terminal.
   *
   * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, Optional.empty(), out, err);
  }

  /** Runs the command; {@code shell} reads {@code in} when given, else the terminal. */
  static int run(String[] args, Optional<InputStream> in, PrintStream out, PrintStream err) {
    try {
      CommandArgs parsed = CommandArgs.parse(args);
      String name = parsed.command();
      if (name.equals("help") || (name.isEmpty() && parsed.options().isEmpty())) {
        out.print(usage());
        return OK;
      }
      Subcommand command = COMMANDS.get(name);
      if (command == null) {
        throw new UsageException(name.isEmpty() ? "no command given" : "unknown command '" + name + "'");
      }
      if (parsed.help()) {
        out.print(usage());
        return OK;
      }
      return command.run(parsed, new CommandStreams(in, out, err));
    } catch (UsageException e) {
      err.println("xsql: " + e.getMessage());
      err.println();
      err.print(usage());
      return USAGE;
    } catch (SQLException e) {
      err.println("ERROR " + QueryPrinter.state(e) + ": " + e.getMessage());
      return FAILED;
    } catch (IOException e) {
      err.println("xsql: " + e);
      return FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The usage text, one entry per subcommand. */
  static String usage() {
    StringBuilder b = new StringBuilder("Usage: xsql COMMAND [OPTIONS]\n\nCommands:\n");
    for (Subcommand command : COMMANDS.values()) {
      b.append("  ").append(command.usage().replace("\n", "\n  ")).append('\n');
    }
    return b.append("  help\n")
        .append("      Prints this text.\n\n")
        .append("FILE is a catalog (YAML, or JSON when it ends in .json) naming the sources; its tables\n")
        .append("are named after the sources. Without --catalog, SQL sees no tables.\n\n")
        .append("Exit codes: 0 success, 1 the query or the catalog failed, 2 a wrong command line.\n")
        .toString();
  }
}
