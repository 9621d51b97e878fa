package io.xsql.java;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** Derives a Java table's columns: from record components, bean getters, or a sample of maps. */
final class JavaColumns {
  private JavaColumns() {}

  /** Columns of a record class (component order) or a bean class (field order, then other getters). */
  static List<JavaColumn> ofClass(Class<?> type) {
    if (type.isRecord()) {
      List<JavaColumn> out = new ArrayList<>();
      for (RecordComponent c : type.getRecordComponents()) {
        out.add(column(c.getName(), c.getType(), c.getGenericType(), c.getAccessor()));
      }
      return out;
    }
    Map<String, Method> getters = new TreeMap<>();
    for (Method m : type.getMethods()) {
      property(m).ifPresent(name -> getters.put(name, m));
    }
    Map<String, JavaColumn> ordered = new LinkedHashMap<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        Method getter = getters.get(f.getName());
        if (getter != null && !Modifier.isStatic(f.getModifiers())) {
          ordered.putIfAbsent(f.getName(), column(f.getName(), getter.getReturnType(),
              getter.getGenericReturnType(), getter));
        }
      }
    }
    getters.forEach((name, getter) ->
        ordered.putIfAbsent(name, column(name, getter.getReturnType(), getter.getGenericReturnType(), getter)));
    if (ordered.isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " is neither a record nor a bean with getters");
    }
    return List.copyOf(ordered.values());
  }

  /**
   * Columns of maps, from sampled rows: keys in first-seen order, each typed by the narrowest type holding
   * all its sampled values (lists of scalars are arrays).
   */
  static List<JavaColumn> ofMaps(List<?> sample) {
    Map<String, Optional<ColumnType>> types = new LinkedHashMap<>();
    for (Object row : sample) {
      if (!(row instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("rows must be maps");
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        types.merge(String.valueOf(e.getKey()), JavaValues.sampledType(e.getValue()), (seen, type) ->
            seen.isEmpty() ? type : type.map(t -> ColumnType.widen(seen.get(), t)).or(() -> seen));
      }
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot infer columns from no rows; register a record class or a DataTable instead");
    }
    List<JavaColumn> out = new ArrayList<>();
    // A key seen only with nulls (or empty lists) has no type to go by; text holds whatever comes later.
    types.forEach((key, type) -> out.add(new JavaColumn(
        new Column(key, type.orElse(ColumnType.of(TypeKind.VARCHAR)), true),
        row -> ((Map<?, ?>) row).get(key))));
    return withDecimalScales(out, sample);
  }

  /** Whether a column holds DECIMALs, alone or in an array, whose scale {@link #withDecimalScales} samples. */
  static boolean holdsDecimals(JavaColumn c) {
    ColumnType type = c.column().type();
    return type.element().orElse(type).kind() == TypeKind.DECIMAL;
  }

  /**
   * Gives DECIMAL columns (and arrays of DECIMALs) the largest scale their sampled values have (at most 19,
   * two without values), so that results keep the data's digits after the point; later values must fit
   * it exactly.
   */
  static List<JavaColumn> withDecimalScales(List<JavaColumn> columns, List<?> sample) {
    List<JavaColumn> out = new ArrayList<>();
    for (JavaColumn c : columns) {
      if (!holdsDecimals(c)) {
        out.add(c);
        continue;
      }
      boolean array = c.column().type().kind() == TypeKind.ARRAY;
      int scale = sample.stream().map(c.getter())
          .flatMap(v -> array && v instanceof List<?> list ? list.stream() : Stream.of(v))
          .filter(v -> v instanceof Number)
          .mapToInt(v -> Math.max(0, JavaValues.decimal((Number) v).scale())).max().orElse(2);
      ColumnType decimal = ColumnType.decimal(38, Math.min(scale, 19));
      out.add(new JavaColumn(new Column(c.column().name(), array ? ColumnType.array(decimal) : decimal,
          c.column().nullable()), c.getter()));
    }
    return out;
  }

  private static JavaColumn column(String name, Class<?> type, Type declared, Method accessor) {
    accessor.setAccessible(true);
    Function<Object, Object> getter = row -> {
      try {
        return accessor.invoke(row);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("getter " + accessor.getName() + " failed", e.getCause());
      }
    };
    return new JavaColumn(new Column(name, JavaValues.typeOf(type, declared), !type.isPrimitive()), getter);
  }

  private static Optional<String> property(Method m) {
    if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
        || m.getDeclaringClass() == Object.class) {
      return Optional.empty();
    }
    String n = m.getName();
    String rest;
    if (n.startsWith("get") && n.length() > 3) {
      rest = n.substring(3);
    } else if (n.startsWith("is") && n.length() > 2
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      rest = n.substring(2);
    } else {
      return Optional.empty();
    }
    boolean acronym = rest.length() > 1 && Character.isUpperCase(rest.charAt(1));
    return Optional.of(acronym ? rest : rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1));
  }
}
