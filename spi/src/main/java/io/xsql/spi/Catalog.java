package io.xsql.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A parsed catalog: the sources it declares, in file order. The driver and the Trino plugin read catalogs
 * through it, so that both accept the same files with the same messages.
 *
 * @param file the catalog file
 * @param sources the entries
 */
public record Catalog(Path file, List<Entry> sources) {
  public Catalog {
    java.util.Objects.requireNonNull(file, "file is null");
    sources = List.copyOf(sources);
  }

  /**
   * One source's entry.
   *
   * @param name the source name (its key under {@code sources})
   * @param type the {@code type} value
   * @param typeLocation where the type value stands, for "unknown type" errors
   * @param options all of the entry's keys
   */
  public record Entry(String name, String type, Location typeLocation, Options options) {
    public Entry {
      java.util.Objects.requireNonNull(name, "name is null");
      java.util.Objects.requireNonNull(type, "type is null");
      java.util.Objects.requireNonNull(typeLocation, "typeLocation is null");
      java.util.Objects.requireNonNull(options, "options is null");
    }
  }

  /** An empty catalog, for {@code jdbc:xsql:} without one. */
  public static Catalog empty() {
    return new Catalog(Path.of("."), List.of());
  }

  /** This catalog with only the given sources, in file order. */
  public Catalog only(java.util.function.Predicate<Entry> keep) {
    return new Catalog(file, sources.stream().filter(keep).toList());
  }

  /** Reads and checks a catalog file's structure (each source's own keys are checked by its adapter). */
  public static Catalog read(Path file, UnaryOperator<String> environment) {
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
