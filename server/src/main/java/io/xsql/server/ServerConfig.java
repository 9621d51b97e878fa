package io.xsql.server;

import io.xsql.driver.ConfigFiles;
import io.xsql.spi.CatalogException;
import io.xsql.spi.ConfigNode;
import io.xsql.spi.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * How {@code xsql serve} runs, from a YAML file (checked as strictly as a catalog: an unknown key fails
 * naming the file and line) and the command line.
 *
 * @param catalog the catalog every remote connection opens
 * @param host the address to listen on (a name or IP, {@code 127.0.0.1} for this machine only); empty for
 *     every interface
 * @param port the HTTP(S) port; 0 picks a free one
 * @param serialization what clients speak: protobuf (the default) or json
 * @param auth how clients authenticate
 * @param usersFile Jetty's realm file ({@code name: MD5:hex[,role...]}) when {@code auth} is basic or digest
 * @param tls the keystore when the server speaks HTTPS
 * @param idleTimeout how long a connection or statement nobody touches lives; an abandoned result closes
 *     and hands its database connections back after that
 * @param defaults what users not named under {@code users} get
 * @param users per-user settings, by name
 */
record ServerConfig(Path catalog, Optional<String> host, int port, Serialization serialization, ServerAuth auth,
    Optional<Path> usersFile, Optional<ServerTls> tls, Duration idleTimeout, ServerUser defaults,
    Map<String, ServerUser> users) {

  /** The user name of clients when there is no authentication. */
  static final String ANONYMOUS = "anonymous";
  /** The default port. */
  static final int PORT = 8765;

  private static final Set<String> KEYS = Set.of("catalog", "host", "port", "serialization", "auth", "users_file",
      "tls", "idle_timeout", "defaults", "users");
  private static final Set<String> TLS_KEYS = Set.of("keystore", "keystore_password", "keystore_type");

  ServerConfig {
    Objects.requireNonNull(catalog, "catalog is null");
    Objects.requireNonNull(host, "host is null");
    Objects.requireNonNull(serialization, "serialization is null");
    Objects.requireNonNull(auth, "auth is null");
    Objects.requireNonNull(idleTimeout, "idleTimeout is null");
    Objects.requireNonNull(defaults, "defaults is null");
    users = Map.copyOf(users);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port must be between 0 and 65535, not " + port);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the idle timeout must be positive");
    }
  }

  /** A server of {@code catalog} with every default: port 8765, protobuf, no authentication, no TLS. */
  static ServerConfig of(Path catalog) {
    return new ServerConfig(catalog, Optional.empty(), PORT, Serialization.PROTOBUF, ServerAuth.NONE, Optional.empty(),
        Optional.empty(), Duration.ofMinutes(10), defaultUser(), Map.of());
  }

  private static ServerUser defaultUser() {
    return new ServerUser(ANONYMOUS, Optional.empty(), ServerLimits.DEFAULT, false);
  }

  /**
   * Reads a configuration file; relative paths in it resolve against its folder.
   *
   * @throws CatalogException naming the file, line and key of what is wrong
   */
  static ServerConfig read(Path file) {
    ConfigNode.Mapping root = ConfigFiles.read(file, "server configuration", "catalog");
    Path base = file.toAbsolutePath().normalize().getParent();
    Options o = new Options("server configuration", root, base);
    o.allowOnly(KEYS);
    Path catalog = o.path("catalog").orElseThrow(() -> o.error("catalog", "is required"));
    int port = o.integer("port", PORT);
    if (port < 0 || port > 65535) {
      throw o.error("port", "must be between 0 and 65535");
    }
    ServerAuth auth = o.choice("auth", ServerAuth.class, ServerAuth.NONE);
    Optional<Path> usersFile = o.path("users_file");
    if (auth != ServerAuth.NONE && usersFile.isEmpty()) {
      throw o.error("users_file", "is required with auth: " + auth.name().toLowerCase(Locale.ROOT));
    }
    if (auth == ServerAuth.NONE && usersFile.isPresent()) {
      throw o.error("users_file", "is only read with auth: basic or digest");
    }
    Duration idle = o.duration("idle_timeout", Duration.ofMinutes(10));
    if (idle.isZero()) {
      throw o.error("idle_timeout", "must be positive");
    }
    ServerUser defaults = o.child("defaults").map(d -> defaultUser().with(ANONYMOUS, d))
        .orElse(defaultUser());
    return new ServerConfig(catalog, o.string("host"), port, o.choice("serialization", Serialization.class,
        Serialization.PROTOBUF), auth, usersFile, o.child("tls").map(ServerConfig::tls), idle, defaults,
        users(o, base, defaults));
  }

  private static ServerTls tls(Options t) {
    t.allowOnly(TLS_KEYS);
    Path keystore = t.path("keystore").orElseThrow(() -> t.error("keystore", "is required"));
    return new ServerTls(keystore, t.requireString("keystore_password"),
        t.string("keystore_type").orElse("PKCS12"));
  }

  private static Map<String, ServerUser> users(Options o, Path base, ServerUser defaults) {
    Map<String, ServerUser> out = new LinkedHashMap<>();
    Optional<ConfigNode> node = o.node("users");
    if (node.isEmpty()) {
      return out;
    }
    if (!(node.get() instanceof ConfigNode.Mapping users)) {
      throw o.error("users", "expected a mapping of user names to settings but got " + node.get().shape());
    }
    for (ConfigNode.Field f : users.fields().values()) {
      if (!(f.value() instanceof ConfigNode.Mapping settings)) {
        throw new CatalogException(f.value().location(),
            "server configuration, user '" + f.key() + "': expected a mapping but got " + f.value().shape());
      }
      out.put(f.key(), defaults.with(f.key(), new Options("server configuration, user '" + f.key() + "'",
          settings, base)));
    }
    return out;
  }

  /** What {@code name} may do: their own settings, else the defaults. */
  ServerUser user(String name) {
    ServerUser u = users.get(name);
    return u != null ? u : defaults.named(name);
  }
}
