package io.xsql.java;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Makes tables of Java objects. Columns come from record components or bean getters, or, for maps, from
 * the keys and values of the first {@value #SAMPLE_SIZE} rows. A {@code List} of scalars ({@code
 * List<String>}, {@code List<Integer>}...) is an ARRAY column; other structures are JSON text.
 */
public final class JavaTables {
  /** How many maps are sampled to find the columns and their types. */
  public static final int SAMPLE_SIZE = 1000;

  private JavaTables() {}

  /** A table of maps from an iterable, read anew on each scan. */
  public static JavaTable ofMaps(Iterable<? extends Map<String, ?>> rows) {
    return ofMaps(() -> stream(rows), size(rows));
  }

  /** A table of maps from a stream supplier, called once to sample and once per scan. */
  public static JavaTable ofMaps(Supplier<? extends Stream<? extends Map<String, ?>>> rows) {
    return ofMaps(rows, OptionalLong.empty());
  }

  /** A table of records or beans from an iterable, read anew on each scan. */
  public static <T> JavaTable of(Class<T> type, Iterable<? extends T> rows) {
    return of(type, () -> stream(rows), size(rows));
  }

  /**
   * A table of records or beans from a stream supplier, called once per scan, and once more first if the
   * type has BigDecimal columns whose scale must be sampled.
   */
  public static <T> JavaTable of(Class<T> type, Supplier<? extends Stream<? extends T>> rows) {
    return of(type, rows, OptionalLong.empty());
  }

  private static JavaTable of(Class<?> type, Supplier<? extends Stream<?>> rows, OptionalLong size) {
    List<JavaColumn> columns = JavaColumns.ofClass(type);
    if (columns.stream().anyMatch(JavaColumns::holdsDecimals)) {
      columns = JavaColumns.withDecimalScales(columns, sample(rows));
    }
    return new JavaTable(columns, rows, size, Optional.empty());
  }

  private static JavaTable ofMaps(Supplier<? extends Stream<?>> rows, OptionalLong size) {
    return new JavaTable(JavaColumns.ofMaps(sample(rows)), rows, size, Optional.empty());
  }

  private static List<?> sample(Supplier<? extends Stream<?>> rows) {
    try (Stream<?> s = rows.get()) {
      return s.limit(SAMPLE_SIZE).toList();
    }
  }

  private static Stream<?> stream(Iterable<?> rows) {
    return StreamSupport.stream(rows.spliterator(), false);
  }

  private static OptionalLong size(Iterable<?> rows) {
    return rows instanceof Collection<?> c ? OptionalLong.of(c.size()) : OptionalLong.empty();
  }
}
