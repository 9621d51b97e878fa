package io.xsql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The users file: Jetty's realm format, one {@code name: HASH[,role...]} a line ({@code #} comments), the
 * hash a salted {@code PBKDF2:} one for Basic ({@link ServerPasswordHash}) or {@code MD5:} (what Digest
 * needs). Only hashed passwords are accepted; plain text and Jetty's reversible {@code OBF:} are refused at
 * start.
 */
final class ServerUsers {
  private ServerUsers() {}

  /**
   * Checks that every entry holds a hash the authentication can use.
   *
   * @return the number of users
   * @throws IllegalArgumentException naming the file, line and user of a bad entry (never the password)
   * @throws IOException if the file cannot be read
   */
  static int check(Path file, ServerAuth auth) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int users = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      String where = file + ":" + (i + 1);
      int sep = separator(line);
      if (sep <= 0) {
        throw new IllegalArgumentException(where + ": expected 'name: PBKDF2:...[,role...]' or 'name: MD5:hash'");
      }
      String name = line.substring(0, sep).strip();
      String credential = line.substring(sep + 1).strip().split(",", 2)[0].strip();
      int colon = credential.indexOf(':');
      String kind = colon < 0 ? "" : credential.substring(0, colon).toUpperCase(Locale.ROOT);
      switch (kind) {
        case "MD5" -> { }
        case "PBKDF2" -> {
          if (auth == ServerAuth.DIGEST) {
            throw new IllegalArgumentException(where + ": user '" + name + "' has a PBKDF2: hash, which DIGEST "
                + "authentication cannot check; make an MD5: entry with xsql serve --hash-password "
                + name + " --auth digest");
          }
        }
        case "CRYPT" -> {
          if (auth == ServerAuth.DIGEST) {
            throw new IllegalArgumentException(where + ": user '" + name + "' has a CRYPT: hash, which DIGEST "
                + "authentication cannot check; make an MD5: entry with xsql serve --hash-password "
                + name + " --auth digest");
          }
        }
        case "OBF" -> throw new IllegalArgumentException(where + ": user '" + name + "' has an OBF: password, "
            + "which is reversible, not a hash; make an entry with xsql serve --hash-password " + name);
        default -> throw new IllegalArgumentException(where + ": user '" + name + "' has a plain-text password; "
            + "store a hash instead: make an entry with xsql serve --hash-password " + name);
      }
      users++;
    }
    return users;
  }

  private static int separator(String line) {
    int colon = line.indexOf(':');
    int equals = line.indexOf('=');
    if (colon < 0) {
      return equals;
    }
    return equals < 0 ? colon : Math.min(colon, equals);
  }

  /**
   * A users-file line for {@code name}: a salted PBKDF2 hash of the password for Basic; for Digest, MD5 of
   * {@code name:xsql:password}, the only form Digest can check against.
   */
  static String entry(String name, String password, ServerAuth auth) {
    if (name.isBlank() || name.contains(":") || name.contains("=") || name.contains(",")) {
      throw new IllegalArgumentException("a user name may not be blank or hold ':', '=' or ','");
    }
    return name + ": " + (auth == ServerAuth.DIGEST ? "MD5:" + md5(name + ":" + ServerAuth.REALM + ":" + password)
        : ServerPasswordHash.hash(password));
  }

  private static String md5(String text) {
    try {
      // ISO-8859-1, as Jetty encodes what it hashes.
      byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
