package io.xsql.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a catalog file (YAML, or JSON when it ends in {@code .json}) into {@link ConfigNode}s that remember
 * their line, substituting {@code ${env:NAME}} and {@code ${file:PATH}} in text values.
 */
public final class CatalogReader {
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\$|\\$\\{(env|file):([^}]*)}");

  private final Path file;
  private final UnaryOperator<String> environment;
  /** What the file is, for messages: "catalog", "server configuration". */
  private final String kind;
  /** The key a file of this kind starts with, for messages. */
  private final String firstKey;

  /**
   * Creates a reader of a catalog.
   *
   * @param file the catalog file
   * @param environment looks up environment variables (null when unset)
   */
  public CatalogReader(Path file, UnaryOperator<String> environment) {
    this(file, environment, "catalog", "sources");
  }

  /** Creates a reader of another kind of file: {@code kind} names it in messages, {@code firstKey} its usual start. */
  public CatalogReader(Path file, UnaryOperator<String> environment, String kind, String firstKey) {
    this.file = file;
    this.environment = environment;
    this.kind = kind;
    this.firstKey = firstKey;
  }

  /** Reads the whole file; its top level must be a mapping. */
  public ConfigNode.Mapping read() {
    JsonFactory factory = file.toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? new JsonFactory() : new YAMLFactory();
    try (InputStream in = Files.newInputStream(file); JsonParser p = factory.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new CatalogException(new Location(file, 1, 1),
            "the " + kind + " is empty; expected '" + firstKey + ":'");
      }
      ConfigNode root = node(p, first);
      if (!(root instanceof ConfigNode.Mapping mapping)) {
        throw new CatalogException(root.location(), "expected a mapping with '" + firstKey + ":' but got "
            + root.shape());
      }
      return mapping;
    } catch (JsonProcessingException e) {
      throw new CatalogException(location(e.getLocation()), "not valid "
          + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), e);
    } catch (NoSuchFileException e) {
      throw new CatalogException(new Location(file, 0, 0), kind + " file not found", e);
    } catch (IOException e) {
      throw new CatalogException(new Location(file, 0, 0), "cannot read the " + kind + ": " + e, e);
    }
  }

  private ConfigNode node(JsonParser p, JsonToken token) throws IOException {
    Location at = location(p.currentTokenLocation());
    switch (token) {
      case START_OBJECT: {
        Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Location keyAt = location(p.currentTokenLocation());
          ConfigNode value = node(p, p.nextToken());
          if (fields.put(key, new ConfigNode.Field(key, keyAt, value)) != null) {
            throw new CatalogException(keyAt, "duplicate key '" + key + "'");
          }
        }
        return new ConfigNode.Mapping(fields, at);
      }
      case START_ARRAY: {
        List<ConfigNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(node(p, t));
        }
        return new ConfigNode.Sequence(items, at);
      }
      case VALUE_NULL:
        // As written: `on_error: null` and `null_string: NULL` mean those words, an empty value is empty.
        return new ConfigNode.Scalar(p.getText(), at, false);
      default:
        return substitute(p.getText(), at);
    }
  }

  /** Replaces {@code ${env:NAME}} and {@code ${file:PATH}}; {@code $$} stands for a dollar sign. */
  private ConfigNode.Scalar substitute(String text, Location at) {
    Matcher m = SUBSTITUTION.matcher(text);
    StringBuilder out = new StringBuilder();
    boolean secret = false;
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "$";
      } else {
        secret = true;
        replacement = m.group(1).equals("env") ? env(m.group(2), at) : fileContent(m.group(2), at);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return new ConfigNode.Scalar(out.toString(), at, secret);
  }

  private String env(String name, Location at) {
    String value = environment.apply(name);
    if (value == null) {
      throw new CatalogException(at, "environment variable " + name + " is not set");
    }
    return value;
  }

  private String fileContent(String path, Location at) {
    Path target = file.toAbsolutePath().getParent().resolve(path);
    try {
      String content = Files.readString(target, StandardCharsets.UTF_8);
      // Secret files usually end with a line break that is not part of the secret.
      return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
          : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException e) {
      throw new CatalogException(at, "cannot read ${file:" + path + "}: " + e.getClass().getSimpleName());
    }
  }

  private Location location(JsonLocation l) {
    return l == null ? new Location(file, 0, 0) : new Location(file, l.getLineNr(), l.getColumnNr());
  }
}
