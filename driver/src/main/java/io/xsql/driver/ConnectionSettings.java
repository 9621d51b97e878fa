package io.xsql.driver;

import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * Connection settings: xsql's own ({@code catalog}) and Calcite's, with the defaults that make xsql
 * behave as PostgreSQL and MySQL users expect.
 */
final class ConnectionSettings {
  /** The catalog file. */
  static final String CATALOG = "catalog";

  /**
   * Whether xsql's planner chooses lookup, merge and mmap joins ({@code true}, the default); {@code false}
   * leaves every join to Calcite's own rules.
   */
  static final String JOIN_STRATEGIES = "joinStrategies";

  /**
   * The distinct keys after which an adaptive lookup join (one xsql chose unasked into a keyed or indexed
   * side) stops looking up and joins the rest of its outer rows with one scan of its inner side (a whole
   * number from 1); absent, each join's comes from its estimates. Hinted lookup joins never switch.
   */
  static final String LOOKUP_SWITCH_KEYS = "lookupSwitchKeys";

  /**
   * How long planning one statement may take, in seconds (default 30); beyond it the statement fails with
   * SQLState 54001 instead of planning on.
   */
  static final String PLANNING_TIMEOUT = "planningTimeout";

  /** How many finished queries {@code xsql.queries} keeps per connection (default 100; 0 keeps none). */
  static final String QUERY_HISTORY = "queryHistory";

  /** The default of {@link #QUERY_HISTORY}. */
  static final int DEFAULT_QUERY_HISTORY = 100;

  /** How many recent queries' plans a connection keeps for when they are sent again (default 64; 0 none). */
  static final String PLAN_CACHE = "planCache";

  /**
   * The catalog's sources to open, comma-separated; all when absent. The xsql server sets it per user
   * (its clients cannot: it is not on the server's list of settings clients may give).
   */
  static final String SOURCES = "sources";

  /**
   * Identifiers keep their case and match case-insensitively; double quotes quote them; the usual
   * PostgreSQL and MySQL functions are available.
   */
  private static final Map<String, String> DEFAULTS = Map.of(
      "caseSensitive", "false",
      "unquotedCasing", "UNCHANGED",
      "quotedCasing", "UNCHANGED",
      "quoting", "DOUBLE_QUOTE",
      "conformance", "LENIENT",
      "fun", "standard,postgresql",
      "typeSystem", XsqlTypeSystem.class.getName() + "#INSTANCE");
  /** Settings that {@code lex} decides when it is given. */
  private static final Set<String> LEX_DECIDES =
      Set.of("caseSensitive", "unquotedCasing", "quotedCasing", "quoting");

  private static final Set<String> KNOWN = known();

  private ConnectionSettings() {}

  private static Set<String> known() {
    Set<String> out = new TreeSet<>(Set.of(CATALOG, JOIN_STRATEGIES, LOOKUP_SWITCH_KEYS, PLANNING_TIMEOUT,
        QUERY_HISTORY, PLAN_CACHE, SOURCES, "user", "password"));
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      out.add(p.camelName());
    }
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      out.add(p.camelName());
    }
    return out;
  }

  /**
   * The properties to connect with: xsql's defaults, then the given properties. Settings in the URL
   * still win (they are applied when the URL is parsed); a misspelt one in the URL fails.
   */
  static Properties resolve(String urlSettings, Properties info) throws SQLException {
    Properties url = ConnectStringParser.parse(urlSettings);
    for (String key : url.stringPropertyNames()) {
      if (!KNOWN.contains(key)) {
        throw new SQLException("unknown connection setting '" + key + "' in the URL; known settings are "
            + KNOWN, "08001");
      }
    }
    Set<String> given = new HashSet<>(url.stringPropertyNames());
    if (info != null) {
      given.addAll(info.stringPropertyNames());
    }
    boolean lex = given.contains("lex");
    Properties out = new Properties();
    DEFAULTS.forEach((k, v) -> {
      if (!(lex && LEX_DECIDES.contains(k))) {
        out.setProperty(k, v);
      }
    });
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        out.setProperty(key, info.getProperty(key));
      }
    }
    Properties effective = new Properties();
    effective.putAll(out);
    effective.putAll(url);
    try {
      joinStrategies(effective);
      lookupSwitchKeys(effective);
      planningTimeout(effective);
      queryHistory(effective);
      planCache(effective);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    return out;
  }

  /** The {@link #JOIN_STRATEGIES} setting; anything but true or false is refused. */
  static boolean joinStrategies(Properties settings) {
    String value = settings.getProperty(JOIN_STRATEGIES, "true").trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(JOIN_STRATEGIES + " must be true or false, not '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  /** The {@link #LOOKUP_SWITCH_KEYS} setting, if given; anything but a whole number from 1 is refused. */
  static OptionalLong lookupSwitchKeys(Properties settings) {
    String value = settings.getProperty(LOOKUP_SWITCH_KEYS);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 1) {
        return OptionalLong.of(n);
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(LOOKUP_SWITCH_KEYS + " must be a whole number of keys from 1, not '" + value
        + "'");
  }

  /** The {@link #PLANNING_TIMEOUT} setting; anything but a positive number of seconds is refused. */
  static Duration planningTimeout(Properties settings) {
    String value = settings.getProperty(PLANNING_TIMEOUT, "30").trim();
    try {
      double seconds = Double.parseDouble(value);
      if (seconds > 0 && seconds <= Integer.MAX_VALUE) {
        return Duration.ofMillis(Math.round(seconds * 1000));
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(PLANNING_TIMEOUT + " must be a positive number of seconds, not '"
        + value + "'");
  }

  /** The {@link #QUERY_HISTORY} setting; anything but a whole number from 0 is refused. */
  static int queryHistory(Properties settings) {
    return count(settings, QUERY_HISTORY, DEFAULT_QUERY_HISTORY, "queries");
  }

  /** The {@link #PLAN_CACHE} setting; anything but a whole number from 0 is refused. */
  static int planCache(Properties settings) {
    return count(settings, PLAN_CACHE, 64, "plans");
  }

  private static int count(Properties settings, String key, int otherwise, String what) {
    String value = settings.getProperty(key, Integer.toString(otherwise)).trim();
    try {
      int n = Integer.parseInt(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(key + " must be a whole number of " + what + " from 0, not '" + value + "'");
  }

  /** The names of the sources to open, if the settings restrict them. */
  static Optional<Set<String>> sources(Properties settings) {
    return Optional.ofNullable(settings.getProperty(SOURCES)).map(s -> {
      Set<String> out = new TreeSet<>();
      for (String name : s.split(",")) {
        if (!name.isBlank()) {
          out.add(name.trim());
        }
      }
      return out;
    });
  }

  /** The catalog file, if the settings name one. */
  static Optional<Path> catalog(Properties settings) {
    return Optional.ofNullable(settings.getProperty(CATALOG)).filter(s -> !s.isBlank()).map(Path::of);
  }
}
