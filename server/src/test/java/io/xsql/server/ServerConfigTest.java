package io.xsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.CatalogException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's configuration file, users file, and command line. */
final class ServerConfigTest {
  @TempDir
  Path dir;

  @Test
  void everyKeyIsRead() throws Exception {
    Files.writeString(dir.resolve("users.properties"), "", UTF_8);
    Path file = dir.resolve("server.yaml");
    Files.writeString(file, """
        catalog: catalog.yaml
        host: 127.0.0.1
        port: 9000
        serialization: json
        auth: digest
        users_file: users.properties
        tls: { keystore: server.p12, keystore_password: "s3cret", keystore_type: JKS }
        idle_timeout: 30s
        defaults: { max_statements: 4, query_timeout: 1m, max_rows: 500 }
        users:
          alice: { sources: [people], max_rows: 10, allow_writes: true }
        """, UTF_8);
    ServerConfig c = ServerConfig.read(file);
    assertThat(c.catalog()).isEqualTo(dir.resolve("catalog.yaml"));
    assertThat(c.host()).contains("127.0.0.1");
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.serialization()).isEqualTo(Serialization.JSON);
    assertThat(c.auth()).isEqualTo(ServerAuth.DIGEST);
    assertThat(c.usersFile()).contains(dir.resolve("users.properties"));
    assertThat(c.tls()).contains(new ServerTls(dir.resolve("server.p12"), "s3cret", "JKS"));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.user("bob")).isEqualTo(new ServerUser("bob", Optional.empty(),
        new ServerLimits(4, Duration.ofMinutes(1), 500), false));
    assertThat(c.user("alice")).isEqualTo(new ServerUser("alice", Optional.of(Set.of("people")),
        new ServerLimits(4, Duration.ofMinutes(1), 10), true));
  }

  @Test
  void defaultsWithOnlyACatalog() throws Exception {
    Path file = dir.resolve("server.yaml");
    Files.writeString(file, "catalog: c.yaml\n", UTF_8);
    assertThat(ServerConfig.read(file)).isEqualTo(ServerConfig.of(dir.resolve("c.yaml")));
  }

  @Test
  void unknownKeysFailNamingFileAndLine() throws Exception {
    Path file = dir.resolve("server.yaml");
    Files.writeString(file, "catalog: c.yaml\nusers:\n  alice:\n    max_row: 5\n", UTF_8);
    assertThatThrownBy(() -> ServerConfig.read(file)).isInstanceOf(CatalogException.class)
        .hasMessageContaining("server.yaml:4").hasMessageContaining("user 'alice'")
        .hasMessageContaining("unknown key 'max_row'");
    Files.writeString(file, "catalog: c.yaml\nprot: 1\n", UTF_8);
    assertThatThrownBy(() -> ServerConfig.read(file)).hasMessageContaining("server.yaml:2")
        .hasMessageContaining("unknown key 'prot'");
    Files.writeString(file, "catalog: c.yaml\nauth: basic\n", UTF_8);
    assertThatThrownBy(() -> ServerConfig.read(file)).hasMessageContaining("users_file")
        .hasMessageContaining("is required with auth: basic");
  }

  @Test
  void usersFilesHoldHashesOnly() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "# users\nalice: MD5:0123456789abcdef0123456789abcdef,reader\n", UTF_8);
    assertThat(ServerUsers.check(users, ServerAuth.BASIC)).isEqualTo(1);
    Files.writeString(users, "alice: MD5:0123\nbob: hunter2,reader\n", UTF_8);
    assertThatThrownBy(() -> ServerUsers.check(users, ServerAuth.BASIC))
        .hasMessageContaining("users.properties:2").hasMessageContaining("user 'bob' has a plain-text password")
        .hasMessageNotContaining("hunter2");
    Files.writeString(users, "carol: OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v\n", UTF_8);
    assertThatThrownBy(() -> ServerUsers.check(users, ServerAuth.BASIC)).hasMessageContaining("reversible");
    Files.writeString(users, "dan: CRYPT:daXg/nLFoXgn.\n", UTF_8);
    assertThat(ServerUsers.check(users, ServerAuth.BASIC)).isEqualTo(1);
    assertThatThrownBy(() -> ServerUsers.check(users, ServerAuth.DIGEST)).hasMessageContaining("DIGEST");
  }

  @Test
  void hashPasswordPrintsAUsersFileLine() throws Exception {
    // Basic: PBKDF2-HMAC-SHA256 with a fresh salt, checked here independently of the code that made it.
    CommandRun basic = CommandRun.withInput("secret\n", "serve", "--hash-password", "alice");
    assertThat(basic.code()).isZero();
    String[] parts = basic.out().strip().split(":");
    assertThat(parts).hasSize(5);
    assertThat(parts[0] + ":" + parts[1]).isEqualTo("alice: PBKDF2");
    byte[] salt = HexFormat.of().parseHex(parts[3]);
    byte[] expected = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
        new javax.crypto.spec.PBEKeySpec("secret".toCharArray(), salt, Integer.parseInt(parts[2]), 256)).getEncoded();
    assertThat(parts[4]).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(Integer.parseInt(parts[2])).isGreaterThanOrEqualTo(600_000);
    assertThat(CommandRun.withInput("secret\n", "serve", "--hash-password", "alice").out())
        .as("a fresh salt each time").isNotEqualTo(basic.out());
    // Digest: MD5("alice:xsql:secret"), the only form it can check.
    CommandRun digest = CommandRun.withInput("secret\n", "serve", "--hash-password", "alice", "--auth", "digest");
    assertThat(digest.out().strip()).isEqualTo("alice: MD5:" + md5("alice:xsql:secret"));
  }

  private static String md5(String s) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(UTF_8)));
  }

  @Test
  void commandLineMistakesAreUsageErrors() {
    assertThat(CommandRun.of("serve").code()).isEqualTo(XsqlCommand.USAGE);
    CommandRun plain = CommandRun.of("serve", "--catalog", "c.yaml", "--keystore", "k.p12", "--keystore-password",
        "hunter2");
    assertThat(plain.code()).isEqualTo(XsqlCommand.USAGE);
    assertThat(plain.err()).contains("env:NAME or file:PATH").doesNotContain("hunter2");
    CommandRun auth = CommandRun.of("serve", "--catalog", "c.yaml", "--auth", "basic");
    assertThat(auth.err()).contains("--auth basic needs --users FILE");
    assertThat(CommandRun.of("help").out()).contains("serve [--config FILE]");
  }
}
