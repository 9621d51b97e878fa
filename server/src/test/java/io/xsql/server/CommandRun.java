package io.xsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;

/**
 * One in-process run of the {@code xsql} command, with what it printed.
 *
 * @param code the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CommandRun(int code, String out, String err) {

  /** Runs the command with these arguments. */
  static CommandRun of(String... args) {
    return run(Optional.empty(), args);
  }

  /** Runs the command with {@code input} as what a person would type. */
  static CommandRun withInput(String input, String... args) {
    return run(Optional.of(new ByteArrayInputStream(input.getBytes(UTF_8))), args);
  }

  private static CommandRun run(Optional<InputStream> in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = XsqlCommand.run(args, in, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new CommandRun(code, out.toString(UTF_8), err.toString(UTF_8));
  }
}
