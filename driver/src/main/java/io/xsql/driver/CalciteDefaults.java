package io.xsql.driver;

/**
 * JVM-wide Calcite settings xsql needs, applied before Calcite reads them (Calcite reads system properties
 * once, when its classes load). A value the user set already is kept.
 */
final class CalciteDefaults {
  private CalciteDefaults() {}

  /** Makes string literals Unicode, so that {@code WHERE city = 'Zürich'} or {@code '東京'} parse. */
  static void apply() {
    setIfAbsent("calcite.default.charset", "UTF-8");
    setIfAbsent("calcite.default.nationalcharset", "UTF-8");
    setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
