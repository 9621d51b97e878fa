package io.xsql.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to one mapping of a catalog: a source's settings, or a nested group of them.
 *
 * <p>Every accessor that meets a wrong value throws a {@link CatalogException} naming the catalog file,
 * the line, the source and the key; values from {@code ${env:...}} or {@code ${file:...}} are never echoed.
 * Adapters read their settings into one typed record and call {@link #allowOnly} so that a misspelt key
 * fails instead of being ignored.
 */
public final class Options {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  private final String context;
  private final ConfigNode.Mapping mapping;
  private final Path baseDir;
  private final Function<Path, ConfigNode.Mapping> files;

  /**
   * Creates a view of a mapping that cannot read other files.
   *
   * @param context what the mapping configures, for messages ("source 'crm'")
   * @param mapping the mapping
   * @param baseDir the folder relative paths resolve against (the catalog file's)
   */
  public Options(String context, ConfigNode.Mapping mapping, Path baseDir) {
    this(context, mapping, baseDir, path -> {
      throw new CatalogException(new Location(path, 0, 0), "files cannot be read here");
    });
  }

  /**
   * Creates a view of a mapping.
   *
   * @param files reads a YAML (or JSON) file the way the catalog is read, for {@link #file}
   */
  public Options(String context, ConfigNode.Mapping mapping, Path baseDir, Function<Path, ConfigNode.Mapping> files) {
    this.context = context;
    this.mapping = mapping;
    this.baseDir = baseDir;
    this.files = files;
  }

  /** Where the mapping starts. */
  public Location location() {
    return mapping.location();
  }

  /** The keys present, in file order. */
  public Set<String> keys() {
    return mapping.fields().keySet();
  }

  /** Fails on the first key not in the allowed set, listing the keys that are allowed. */
  public void allowOnly(Set<String> allowed) {
    for (ConfigNode.Field field : mapping.fields().values()) {
      if (!allowed.contains(field.key())) {
        throw new CatalogException(field.keyLocation(),
            context + ": unknown key '" + field.key() + "'; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  /** This mapping without a key, for settings read before the rest ({@code lookup_cache}). */
  public Options without(String key) {
    Map<String, ConfigNode.Field> fields = new LinkedHashMap<>(mapping.fields());
    fields.remove(key);
    return new Options(context, new ConfigNode.Mapping(fields, mapping.location()), baseDir, files);
  }

  /** A text value. */
  public Optional<String> string(String key) {
    return scalar(key).map(ConfigNode.Scalar::text);
  }

  /** A text value that must be present. */
  public String requireString(String key) {
    return string(key).orElseThrow(() -> error(location(), key, "is required"));
  }

  /** A path, resolved against the catalog file's folder. */
  public Optional<Path> path(String key) {
    return string(key).map(p -> baseDir.resolve(p).normalize());
  }

  /** A whole number, or the default. */
  public int integer(String key, int defaultValue) {
    Optional<ConfigNode.Scalar> s = scalar(key);
    if (s.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(s.get().text().trim());
    } catch (NumberFormatException e) {
      throw error(s.get().location(), key, "expected a whole number but got " + s.get().shown());
    }
  }

  /**
   * A whole number no smaller than {@code min}, or the default; a smaller one fails rather than being
   * clamped ({@code sample_size}, {@code flatten_depth}).
   */
  public int integer(String key, int defaultValue, int min) {
    int value = integer(key, defaultValue);
    if (value < min) {
      throw error(key, "must be at least " + min);
    }
    return value;
  }

  /**
   * A duration written as a number and a unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}), or the
   * default; a bare number means seconds.
   */
  public Duration duration(String key, Duration defaultValue) {
    Optional<ConfigNode.Scalar> s = scalar(key);
    if (s.isEmpty()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(s.get().text().trim());
    if (!m.matches()) {
      throw error(s.get().location(), key, "expected a duration such as 500ms, 5s, 2m or 1h but got "
          + s.get().shown());
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** A true/false value, or the default. */
  public boolean bool(String key, boolean defaultValue) {
    Optional<ConfigNode.Scalar> s = scalar(key);
    if (s.isEmpty()) {
      return defaultValue;
    }
    return switch (s.get().text().trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(s.get().location(), key, "expected true or false but got " + s.get().shown());
    };
  }

  /** One of an enum's constants, written in lower case in the catalog, or the default. */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    Optional<ConfigNode.Scalar> s = scalar(key);
    if (s.isEmpty()) {
      return defaultValue;
    }
    String text = s.get().text().trim().toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw error(s.get().location(), key, "expected one of " + names + " but got " + s.get().shown());
  }

  /** A list of texts; a single text counts as a list of one. Empty when the key is absent. */
  public List<String> strings(String key) {
    ConfigNode node = node(key).orElse(null);
    if (node == null) {
      return List.of();
    }
    if (node instanceof ConfigNode.Scalar s) {
      return List.of(s.text());
    }
    if (node instanceof ConfigNode.Sequence seq) {
      List<String> out = new ArrayList<>();
      for (ConfigNode item : seq.items()) {
        if (!(item instanceof ConfigNode.Scalar s)) {
          throw error(item.location(), key, "expected a list of texts but an item is " + item.shape());
        }
        out.add(s.text());
      }
      return out;
    }
    throw error(node.location(), key, "expected a text or a list of texts but got " + node.shape());
  }

  /** A mapping of texts ({@code columns: { id: INTEGER }}), in file order; empty when absent. */
  public Map<String, ConfigNode.Scalar> stringMap(String key) {
    Map<String, ConfigNode.Scalar> out = new LinkedHashMap<>();
    Optional<Options> child = child(key);
    if (child.isEmpty()) {
      return out;
    }
    for (ConfigNode.Field f : child.get().mapping.fields().values()) {
      if (!(f.value() instanceof ConfigNode.Scalar s)) {
        throw error(f.value().location(), key + "." + f.key(), "expected a text but got " + f.value().shape());
      }
      out.put(f.key(), s);
    }
    return out;
  }

  /**
   * Column types fixed in the catalog ({@code columns: { total: "DECIMAL(12,2)", tags: "VARCHAR ARRAY" }}),
   * in file order; empty when absent. A DECIMAL must give its precision and scale, since a value must never
   * be rounded to a guess. A source without ARRAY columns refuses them itself.
   */
  public Map<String, ColumnType> columnTypes(String key) {
    Map<String, ColumnType> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode.Scalar> e : stringMap(key).entrySet()) {
      ColumnType type = ColumnType.parse(e.getValue().text()).orElseThrow(() -> new CatalogException(
          e.getValue().location(), "column '" + e.getKey() + "': unknown type " + e.getValue().shown()
              + "; expected one of " + ColumnType.knownNames()));
      ColumnType scalar = type.element().orElse(type);
      if (scalar.kind() == TypeKind.DECIMAL && scalar.precision() == ColumnType.UNSPECIFIED) {
        throw new CatalogException(e.getValue().location(), "column '" + e.getKey()
            + "': DECIMAL needs a precision and a scale, such as DECIMAL(12,2)");
      }
      out.put(e.getKey(), type);
    }
    return out;
  }

  /**
   * The mapping in the YAML file a key names ({@code schema: shop.schema.yaml}), read as the catalog is,
   * so that its errors point at its own lines; relative paths inside resolve against its folder.
   */
  public Optional<Options> file(String key) {
    return path(key).map(path -> new Options(context + ", file " + path.getFileName(), files.apply(path),
        path.getParent(), files));
  }

  /** A nested mapping ({@code pool: { max_size: 8 }}). */
  public Optional<Options> child(String key) {
    return node(key).map(node -> {
      if (node instanceof ConfigNode.Mapping m) {
        return new Options(context + ", key '" + key + "'", m, baseDir, files);
      }
      throw error(node.location(), key, "expected a mapping but got " + node.shape());
    });
  }

  /** The raw node under a key. */
  public Optional<ConfigNode> node(String key) {
    ConfigNode.Field f = mapping.fields().get(key);
    return f == null ? Optional.empty() : Optional.of(f.value());
  }

  /** An error about a key's value, pointing at the value. */
  public CatalogException error(String key, String message) {
    Location at = node(key).map(ConfigNode::location).orElse(location());
    return error(at, key, message);
  }

  private Optional<ConfigNode.Scalar> scalar(String key) {
    return node(key).map(node -> {
      if (node instanceof ConfigNode.Scalar s) {
        return s;
      }
      throw error(node.location(), key, "expected a text but got " + node.shape());
    });
  }

  private CatalogException error(Location at, String key, String message) {
    return new CatalogException(at, context + ", key '" + key + "': " + message);
  }
}
