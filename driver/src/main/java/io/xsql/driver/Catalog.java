package io.xsql.driver;

import io.xsql.spi.CatalogException;
import io.xsql.spi.ConfigNode;
import io.xsql.spi.Location;
import io.xsql.spi.Options;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A parsed catalog: the sources it declares, in file order.
 *
 * @param file the catalog file
 * @param sources the entries
 */
record Catalog(Path file, List<Entry> sources) {

  /**
   * One source's entry.
   *
   * @param name the source name (its key under {@code sources})
   * @param type the {@code type} value
   * @param typeLocation where the type value stands, for "unknown type" errors
   * @param options all of the entry's keys
   */
  record Entry(String name, String type, Location typeLocation, Options options) {}

  /** An empty catalog, for {@code jdbc:xsql:} without one. */
  static Catalog empty() {
    return new Catalog(Path.of("."), List.of());
  }

  /**
   * This catalog with only the named sources, for connections limited to some of them.
   *
   * @throws SQLException 42000 naming a source the catalog does not have
   */
  Catalog only(Set<String> names) throws SQLException {
    Set<String> missing = new TreeSet<>(names);
    List<Entry> kept = new ArrayList<>();
    for (Entry e : sources) {
      if (missing.remove(e.name())) {
        kept.add(e);
      }
    }
    if (!missing.isEmpty()) {
      throw new SQLException("the setting '" + ConnectionSettings.SOURCES + "' names sources the catalog "
          + file + " does not have: " + missing, "42000");
    }
    return new Catalog(file, List.copyOf(kept));
  }

  /** Reads and checks a catalog file's structure (each source's own keys are checked by its adapter). */
  static Catalog read(Path file, UnaryOperator<String> environment) {
    Path absolute = file.toAbsolutePath().normalize();
    ConfigNode.Mapping root = new CatalogReader(absolute, environment).read();
    Options top = new Options("catalog", root, absolute.getParent());
    top.allowOnly(Set.of("sources"));
    ConfigNode.Field sources = root.fields().get("sources");
    if (sources == null) {
      throw new CatalogException(root.location(), "the catalog has no 'sources:' mapping");
    }
    if (!(sources.value() instanceof ConfigNode.Mapping entries)) {
      throw new CatalogException(sources.value().location(),
          "'sources' must be a mapping of source names to settings but is " + sources.value().shape());
    }
    List<Entry> out = new ArrayList<>();
    for (ConfigNode.Field f : entries.fields().values()) {
      if (!(f.value() instanceof ConfigNode.Mapping settings)) {
        throw new CatalogException(f.value().location(),
            "source '" + f.key() + "': expected a mapping of settings but got " + f.value().shape());
      }
      Options options = new Options("source '" + f.key() + "'", settings, absolute.getParent(),
          path -> new CatalogReader(path, environment, "file", "tables").read());
      ConfigNode.Field type = settings.fields().get("type");
      if (type == null || !(type.value() instanceof ConfigNode.Scalar t) || t.text().isBlank()) {
        throw new CatalogException(type == null ? f.keyLocation() : type.value().location(),
            "source '" + f.key() + "': 'type' is required");
      }
      out.add(new Entry(f.key(), t.text().trim(), t.location(), options));
    }
    return new Catalog(absolute, List.copyOf(out));
  }
}
