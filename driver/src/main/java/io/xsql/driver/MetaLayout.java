package io.xsql.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a {@code DatabaseMetaData} result: names in JDBC's order and the Java class of each
 * (a primitive class for a column that is never NULL).
 *
 * @param names the column names
 * @param classes the Java class of each column's values
 */
public record MetaLayout(List<String> names, List<Class<?>> classes) {
  public MetaLayout {
    names = List.copyOf(names);
    classes = List.copyOf(classes);
    if (names.size() != classes.size()) {
      throw new IllegalArgumentException("a class per column name");
    }
  }

  /** A layout from pairs of name and class. */
  public static MetaLayout of(Object... namesAndClasses) {
    List<String> names = new ArrayList<>();
    List<Class<?>> classes = new ArrayList<>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      names.add((String) namesAndClasses[i]);
      classes.add((Class<?>) namesAndClasses[i + 1]);
    }
    return new MetaLayout(names, classes);
  }
}
