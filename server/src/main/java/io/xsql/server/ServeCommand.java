package io.xsql.server;

import io.xsql.spi.SourceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/** {@code xsql serve}: serves a catalog to remote JDBC clients (Avatica over HTTP), until stopped. */
final class ServeCommand implements Subcommand {
  /** A secret given as a reference: {@code env:NAME}, {@code file:PATH}, or the same inside {@code ${...}}. */
  private static final Pattern SECRET = Pattern.compile("(?:\\$\\{)?(env|file):([^}]+)}?");

  @Override
  public String usage() {
    return "serve [--config FILE] [--catalog FILE] [--host ADDRESS] [--port N] [--auth none|basic|digest]\n"
        + "      [--users FILE] [--keystore FILE --keystore-password env:NAME|file:PATH [--keystore-type PKCS12|JKS]]\n"
        + "      [--idle-timeout DURATION] [--serialization protobuf|json]\n"
        + "    Serves the catalog to remote JDBC clients (jdbc:xsql:remote:url=http://host:8765 or Avatica's\n"
        + "    jdbc:avatica:remote:url=...;serialization=protobuf) until stopped; options override --config.\n"
        + "serve --hash-password USER [--auth basic|digest]\n"
        + "    Reads a password from standard input and prints USER's line for the users file.";
  }

  @Override
  public int run(CommandArgs args, CommandStreams io) throws UsageException, SQLException, IOException {
    args.none();
    if (args.option("hash-password").isPresent()) {
      return hashPassword(args, io);
    }
    args.allowOnly(Set.of("config", "catalog", "host", "port", "auth", "users", "keystore", "keystore-password",
        "keystore-type", "idle-timeout", "serialization"));
    ServerConfig config;
    try {
      config = config(args);
    } catch (SourceException | IllegalArgumentException e) {
      io.err().println("xsql serve: " + e.getMessage());
      return XsqlCommand.FAILED;
    }
    try (ServeServer server = ServeServer.start(config)) {
      io.err().println("xsql serve: serving " + config.catalog() + " at "
          + (config.tls().isPresent() ? "https" : "http") + "://" + config.host().orElse("localhost") + ":"
          + server.port()
          + " (" + config.serialization().name().toLowerCase(Locale.ROOT) + ", authentication "
          + config.auth().name().toLowerCase(Locale.ROOT) + ")");
      io.err().flush();
      // Ctrl-C or a TERM signal: close the database connections properly on the way out.
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "xsql-serve-stop"));
      server.join();
      return XsqlCommand.OK;
    } catch (IllegalArgumentException e) {
      io.err().println("xsql serve: " + e.getMessage());
      return XsqlCommand.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return XsqlCommand.OK;
    }
  }

  private static int hashPassword(CommandArgs args, CommandStreams io) throws UsageException, IOException {
    args.allowOnly(Set.of("hash-password", "auth"));
    ServerAuth auth = auth(args.option("auth").orElse("basic"));
    if (auth == ServerAuth.NONE) {
      throw new UsageException("--hash-password makes entries for --auth basic or digest");
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(io.in().orElse(System.in), StandardCharsets.UTF_8));
    String password = in.readLine();
    if (password == null || password.isEmpty()) {
      throw new UsageException("--hash-password reads the password from standard input, and got none");
    }
    try {
      io.out().println(ServerUsers.entry(args.option("hash-password").get(), password, auth));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return XsqlCommand.OK;
  }

  /** The configuration file's settings, if given, with the command line's over them. */
  private static ServerConfig config(CommandArgs args) throws UsageException, IOException {
    Optional<ServerConfig> file = args.option("config").map(p -> ServerConfig.read(Path.of(p)));
    Optional<Path> catalog = args.option("catalog").map(Path::of);
    if (file.isEmpty() && catalog.isEmpty()) {
      throw new UsageException("xsql serve needs --catalog FILE or --config FILE");
    }
    ServerConfig c = file.orElseGet(() -> ServerConfig.of(catalog.get()));
    ServerAuth auth = args.option("auth").isPresent() ? auth(args.option("auth").get()) : c.auth();
    Optional<Path> users = args.option("users").map(Path::of).or(c::usersFile);
    if (auth != ServerAuth.NONE && users.isEmpty()) {
      throw new UsageException("--auth " + auth.name().toLowerCase(Locale.ROOT) + " needs --users FILE");
    }
    if (auth == ServerAuth.NONE && users.isPresent()) {
      throw new UsageException("--users is only read with --auth basic or digest");
    }
    Optional<ServerTls> tls = c.tls();
    if (args.option("keystore").isPresent()) {
      String password = secret(args.option("keystore-password")
          .orElseThrow(() -> new UsageException("--keystore needs --keystore-password env:NAME or file:PATH")));
      tls = Optional.of(new ServerTls(Path.of(args.option("keystore").get()), password,
          args.option("keystore-type").orElse("PKCS12")));
    } else if (args.option("keystore-password").isPresent() || args.option("keystore-type").isPresent()) {
      throw new UsageException("--keystore-password and --keystore-type go with --keystore");
    }
    return new ServerConfig(catalog.orElse(c.catalog()), args.option("host").or(c::host),
        port(args).orElse(c.port()),
        serialization(args).orElse(c.serialization()), auth, users, tls,
        idleTimeout(args).orElse(c.idleTimeout()), c.defaults(), c.users());
  }

  private static ServerAuth auth(String value) throws UsageException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "none" -> ServerAuth.NONE;
      case "basic" -> ServerAuth.BASIC;
      case "digest" -> ServerAuth.DIGEST;
      default -> throw new UsageException("--auth takes none, basic or digest, not '" + value + "'");
    };
  }

  private static Optional<Integer> port(CommandArgs args) throws UsageException {
    Optional<String> value = args.option("port");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port >= 0 && port <= 65535) {
        return Optional.of(port);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--port takes a number from 0 to 65535, not '" + value.get() + "'");
  }

  private static Optional<Serialization> serialization(CommandArgs args) throws UsageException {
    Optional<String> value = args.option("serialization");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "protobuf" -> Optional.of(Serialization.PROTOBUF);
      case "json" -> Optional.of(Serialization.JSON);
      default -> throw new UsageException("--serialization takes protobuf or json, not '" + value.get() + "'");
    };
  }

  private static Optional<Duration> idleTimeout(CommandArgs args) throws UsageException {
    Optional<String> value = args.option("idle-timeout");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = Pattern.compile("(\\d{1,9})(ms|s|m|h)?").matcher(value.get().trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new UsageException("--idle-timeout takes a positive duration such as 30s, 5m or 1h, not '"
          + value.get() + "'");
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    });
  }

  /**
   * A secret from the environment or a file. A literal password on the command line is refused: every
   * user of the machine can read it in the process list.
   */
  private static String secret(String reference) throws UsageException, IOException {
    Matcher m = SECRET.matcher(reference);
    if (!m.matches()) {
      throw new UsageException("give --keystore-password as env:NAME or file:PATH, not the password itself");
    }
    if (m.group(1).equals("env")) {
      String value = System.getenv(m.group(2));
      if (value == null) {
        throw new UsageException("--keystore-password names the environment variable " + m.group(2)
            + ", which is not set");
      }
      return value;
    }
    return Files.readString(Path.of(m.group(2)), StandardCharsets.UTF_8).strip();
  }
}
