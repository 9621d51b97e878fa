package io.xsql.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value read from a catalog file, remembering where it stood so that errors can point at it. */
public sealed interface ConfigNode {

  /** Where the value starts in the catalog. */
  Location location();

  /** A short name of the node's shape for error messages: "a text", "a list", "a mapping". */
  String shape();

  /**
   * A scalar, as text.
   *
   * @param text the value after {@code ${env:...}} and {@code ${file:...}} substitution
   * @param secret whether the text came from a substitution, so it must never be echoed in a message
   */
  record Scalar(String text, Location location, boolean secret) implements ConfigNode {
    /** The value for an error message: the text, unless it is secret. */
    public String shown() {
      return secret ? "(a substituted value)" : "'" + text + "'";
    }

    @Override
    public String shape() {
      return "a text";
    }
  }

  /** A list. */
  record Sequence(List<ConfigNode> items, Location location) implements ConfigNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String shape() {
      return "a list";
    }
  }

  /** A mapping, in file order. */
  record Mapping(Map<String, Field> fields, Location location) implements ConfigNode {
    public Mapping {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String shape() {
      return "a mapping";
    }
  }

  /**
   * One key of a mapping.
   *
   * @param key the key
   * @param keyLocation where the key stands
   * @param value its value
   */
  record Field(String key, Location keyLocation, ConfigNode value) {}
}
