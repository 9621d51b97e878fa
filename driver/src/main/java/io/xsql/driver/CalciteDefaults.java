package io.xsql.driver;

/**
 * JVM-wide Calcite settings xsql needs, applied before Calcite reads them (Calcite reads system properties
 * once, when its classes load). A value the user set already is kept.
 */
final class CalciteDefaults {
  private CalciteDefaults() {}

  /**
   * Makes string literals Unicode, so that {@code WHERE city = 'Zürich'} or {@code '東京'} parse, and
   * keeps the classes compiled for queries: a query run again (a dashboard's refresh, a loop) generates
   * the same code, and compiling it is a third of planning. Values are not part of that code, they are
   * passed at run time, so a cached class serves every execution alike.
   */
  static void apply() {
    setIfAbsent("calcite.default.charset", "UTF-8");
    setIfAbsent("calcite.default.nationalcharset", "UTF-8");
    setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    setIfAbsent("calcite.bindable.cache.maxSize", "1000");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
