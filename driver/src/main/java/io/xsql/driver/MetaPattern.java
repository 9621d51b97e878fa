package io.xsql.driver;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code DatabaseMetaData} search pattern: {@code %} any run of characters, {@code _} any one, and
 * {@code \} (the search string escape) making the next character literal. Matching is exact otherwise,
 * as names are stored. A NULL pattern matches everything. Calcite's {@code LikePattern} is not used: it
 * takes {@code _} literally.
 */
public final class MetaPattern {
  private final Optional<Pattern> regex;

  private MetaPattern(Optional<Pattern> regex) {
    this.regex = regex;
  }

  /** The pattern; NULL and {@code %} match everything. */
  public static MetaPattern of(String pattern) {
    if (pattern == null || pattern.equals("%")) {
      return new MetaPattern(Optional.empty());
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new MetaPattern(Optional.of(Pattern.compile(re.toString(), Pattern.DOTALL)));
  }

  /** Whether a name matches. */
  public boolean matches(String name) {
    return regex.map(r -> r.matcher(name).matches()).orElse(true);
  }
}
