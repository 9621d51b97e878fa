package io.xsql.server;

import io.xsql.spi.Catalog;
import io.xsql.spi.ConfigNode;
import io.xsql.spi.Options;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An xsql catalog as Trino catalog files: a database or MongoDB source becomes a catalog of Trino's own
 * connector for it ({@code postgresql}, {@code mysql}, {@code mariadb}, {@code mongodb}), which reads it
 * better than xsql could from inside Trino; all other sources stay in one {@code xsql} catalog over the same
 * catalog file. Secrets are written only as Trino's {@code ${ENV:NAME}} references, never as values: the
 * catalog is read with every {@code ${env:NAME}} kept as such a reference, and a secret the catalog holds
 * in clear or in a {@code ${file:...}} becomes a reference to a variable named after the source.
 */
final class TrinoCatalogExport {
  /** Database sources and the connector Trino reads them with, by the start of their JDBC URL. */
  private static final Map<String, String> JDBC_CONNECTORS = Map.of("jdbc:postgresql:", "postgresql",
      "jdbc:mysql:", "mysql", "jdbc:mariadb:", "mariadb");
  private static final Set<String> DATABASE_TYPES = Set.of("postgres", "mysql", "jdbc");
  private static final Pattern TRINO_NAME = Pattern.compile("[^a-z0-9_]");

  /** One file written: its catalog name, its properties in order, and what the user should know. */
  record CatalogFile(String name, Map<String, String> properties, List<String> notes) {}

  /**
   * What an xsql catalog becomes.
   *
   * @param catalogs the Trino catalog files
   * @param unmapped why each source that no Trino catalog reads was left out
   */
  record Export(List<CatalogFile> catalogs, List<String> unmapped) {}

  private TrinoCatalogExport() {}

  /** The Trino catalogs for an xsql catalog file. */
  static Export of(Path catalogFile) {
    Path file = catalogFile.toAbsolutePath().normalize();
    // ${env:NAME} becomes Trino's own reference to the same variable, read on each Trino node.
    Catalog catalog = Catalog.read(file, name -> "${ENV:" + name + "}");
    List<CatalogFile> out = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    List<String> unmapped = new ArrayList<>();
    for (Catalog.Entry entry : catalog.sources()) {
      if (DATABASE_TYPES.contains(entry.type())) {
        database(entry).ifPresentOrElse(out::add, () -> unmapped.add("source '" + entry.name() + "' ("
            + entry.type() + "): no Trino connector is known for its URL, and the xsql connector does not "
            + "serve databases; give it a Trino catalog by hand"));
      } else if (entry.type().equals("mongodb")) {
        out.add(mongodb(entry));
      } else {
        rest.add(entry.name() + " (" + entry.type() + ")");
      }
    }
    if (!rest.isEmpty()) {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("connector.name", "xsql");
      properties.put("xsql.catalog", file.toString());
      out.add(new CatalogFile(trinoName(stem(file)), properties, List.of(
          "the xsql connector serves " + String.join(", ", rest) + " as in embedded xsql: file and Java "
              + "sources as tables of the schema main, the others as schemas named after them",
          file + " and the files it names must be at the same paths on every Trino node")));
    }
    return new Export(out, unmapped);
  }

  /** Writes each catalog as {@code DIR/etc/catalog/NAME.properties}; returns the files. */
  static List<Path> write(List<CatalogFile> catalogs, Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("etc/catalog"));
    List<Path> written = new ArrayList<>();
    for (CatalogFile c : catalogs) {
      StringBuilder text = new StringBuilder("# Written by xsql export --trino.\n");
      c.notes().forEach(n -> text.append("# ").append(n).append('\n'));
      c.properties().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      Path target = folder.resolve(c.name() + ".properties");
      Files.writeString(target, text, StandardCharsets.UTF_8);
      written.add(target);
    }
    return written;
  }

  private static Optional<CatalogFile> database(Catalog.Entry entry) {
    Options o = entry.options();
    String url = o.requireString("url");
    Optional<String> connector = JDBC_CONNECTORS.entrySet().stream()
        .filter(e -> url.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    if (connector.isEmpty()) {
      return Optional.empty();
    }
    List<String> notes = new ArrayList<>();
    notes.add("source '" + entry.name() + "' (" + entry.type() + "): Trino's " + connector.get()
        + " connector reads the database; its schemas are this catalog's schemas (xsql showed them under '"
        + entry.name() + "')");
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("connector.name", connector.get());
    String trinoUrl = url;
    if (!connector.get().equals("postgresql")) {
      // Trino's MySQL and MariaDB connectors take a server, not a database: all its databases are schemas.
      trinoUrl = url.replaceFirst("^(jdbc:[a-z]+://[^/?]*)[/?].*$", "$1");
      if (!trinoUrl.equals(url)) {
        notes.add("the URL's database and parameters are left out: Trino's " + connector.get()
            + " connector takes the server only");
      }
    }
    properties.put("connection-url", trinoUrl);
    secret(entry, "user", false, notes).ifPresent(v -> properties.put("connection-user", v));
    secret(entry, "password", true, notes).ifPresent(v -> properties.put("connection-password", v));
    return Optional.of(new CatalogFile(trinoName(entry.name()), properties, notes));
  }

  private static CatalogFile mongodb(Catalog.Entry entry) {
    List<String> notes = new ArrayList<>();
    Options o = entry.options();
    String database = o.string("database").orElse("the database of the URI");
    notes.add("source '" + entry.name() + "' (mongodb): Trino's mongodb connector reads it; the collections of "
        + database + " are in the schema of that name (xsql showed them under '" + entry.name() + "'), typed "
        + "by Trino's own sampling, not by xsql's columns or schema contract");
    boolean credentials = o.string("uri").map(TrinoCatalogExport::hasPassword).orElse(false);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("connector.name", "mongodb");
    secret(entry, "uri", credentials, notes).ifPresent(v -> properties.put("mongodb.connection-url", v));
    return new CatalogFile(trinoName(entry.name()), properties, notes);
  }

  /**
   * A value as the properties may hold it: a substitution of environment variables as Trino's references to
   * them; a secret that is not one (a value in clear where {@code clearIsSecret}, or a file's content) as a
   * reference to a variable named after the source and key, with a note to set it.
   */
  private static Optional<String> secret(Catalog.Entry entry, String key, boolean clearIsSecret,
      List<String> notes) {
    Optional<ConfigNode> node = entry.options().node(key);
    if (node.isEmpty() || !(node.get() instanceof ConfigNode.Scalar scalar)) {
      return Optional.empty();
    }
    boolean fromEnvironment = scalar.secret() && scalar.text().contains("${ENV:");
    if (fromEnvironment || (!scalar.secret() && !clearIsSecret)) {
      return Optional.of(scalar.text());
    }
    String variable = trinoName(entry.name() + "_" + key).toUpperCase(Locale.ROOT);
    notes.add("the catalog holds " + key + " of '" + entry.name() + "' "
        + (scalar.secret() ? "in a file" : "in clear") + "; set the environment variable " + variable
        + " on every Trino node to it");
    return Optional.of("${ENV:" + variable + "}");
  }

  private static boolean hasPassword(String uri) {
    try {
      String userInfo = new URI(uri).getRawUserInfo();
      return userInfo != null && userInfo.contains(":");
    } catch (URISyntaxException e) {
      // A URI Java cannot parse is kept out of the file, in case it holds a password.
      return true;
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** A Trino catalog name: lower case letters, digits and underscores. */
  private static String trinoName(String name) {
    return TRINO_NAME.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
  }
}
