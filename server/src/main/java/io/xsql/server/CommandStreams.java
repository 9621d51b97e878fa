package io.xsql.server;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a subcommand reads and writes.
 *
 * @param in input for the shell; empty to read the terminal
 * @param out results
 * @param err errors, warnings and notes
 */
record CommandStreams(Optional<InputStream> in, PrintStream out, PrintStream err) {
  CommandStreams {
    Objects.requireNonNull(in, "in is null");
    Objects.requireNonNull(out, "out is null");
    Objects.requireNonNull(err, "err is null");
  }
}
