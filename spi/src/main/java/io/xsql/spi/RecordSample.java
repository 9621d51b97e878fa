package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What sampling schemaless records (MongoDB documents, API responses) found, field path by field path: the
 * kinds of values, nested objects, how often a field was there. A source walks its own format and reports
 * each field; {@link #columns} turns that into columns by the rules all schemaless sources share.
 */
public final class RecordSample {
  /** What was seen at one path. */
  private static final class Field {
    final Set<TypeKind> kinds = new LinkedHashSet<>();
    /** The kinds of the elements of arrays of scalars seen here. */
    final Set<TypeKind> elements = new LinkedHashSet<>();
    final Set<String> kindNames = new LinkedHashSet<>();
    boolean objects;
    boolean values;
    /** Records with a value or an object here. */
    long present;
    /** How often each scalar value was seen here, when the source counts them. */
    final Map<Object, Integer> counts = new HashMap<>();
  }

  /** The name {@link SampledField#kinds} gives nested objects. */
  public static final String OBJECT = "object";

  private final Map<List<String>, Field> fields = new LinkedHashMap<>();
  private long records;

  /** Counts a record; call once per record, before its fields. */
  public void record() {
    records++;
  }

  /** A nested object at a path, whose fields the source reports as paths below it. */
  public void object(List<String> path) {
    Field f = field(path);
    f.objects = true;
    f.present++;
  }

  /**
   * A value at a path.
   *
   * @param kind its SQL kind; null for a null value, which says nothing about the type
   * @param kindName the source's name of its kind ({@code int}, {@code string}), for notes and contracts
   */
  public void value(List<String> path, TypeKind kind, String kindName) {
    Field f = field(path);
    if (kind != null) {
      f.present++;
      f.values = true;
      f.kinds.add(kind);
      f.kindNames.add(requireNonNull(kindName, "kindName is null"));
    }
  }

  /**
   * A scalar value at a path, counted for the column's distinct values ({@link SampledField#values}).
   *
   * @param value the value as the source holds it, equal to another exactly when SQL's values are equal
   */
  public void value(List<String> path, TypeKind kind, String kindName, Object value) {
    value(path, kind, kindName);
    if (kind != null && kind != TypeKind.ARRAY) {
      field(path).counts.merge(value, 1, Integer::sum);
    }
  }

  /**
   * An array of scalars at a path (an array holding objects or arrays is a {@link #value} of kind VARCHAR,
   * its JSON text).
   *
   * @param elements the kinds of its non-null elements
   * @param kindName the source's name of arrays
   */
  public void array(List<String> path, List<TypeKind> elements, String kindName) {
    value(path, TypeKind.ARRAY, kindName);
    field(path).elements.addAll(elements);
  }

  private Field field(List<String> path) {
    return fields.computeIfAbsent(List.copyOf(path), p -> new Field());
  }

  /** How many records were sampled. */
  public long records() {
    return records;
  }

  /**
   * A column the sample suggests.
   *
   * @param path the field names, outermost first
   * @param type the kinds seen, widened ({@link ColumnType#widen}); an ARRAY of the widened element kinds
   *     (VARCHAR if all were empty) where only arrays of scalars were seen; VARCHAR for objects (as JSON
   *     text) and for a field that held only nulls
   * @param kinds the source's names of the kinds seen, in first-seen order, {@link #OBJECT} for objects
   * @param alwaysPresent whether every record had a value or an object here
   * @param values how its scalar values repeated, where the source counted them
   */
  public record SampledField(List<String> path, ColumnType type, List<String> kinds, boolean alwaysPresent,
      Optional<ValueCounts> values) {
    public SampledField {
      path = List.copyOf(path);
      requireNonNull(type, "type is null");
      kinds = List.copyOf(kinds);
      requireNonNull(values, "values is null");
    }

    /** Whether the column is wider than some values it holds (several kinds, or objects with values). */
    public boolean widened() {
      return kinds.size() > 1;
    }
  }

  /**
   * The columns, in first-seen order: every path holding values. A path holding objects in some records and
   * values in others is one text column (objects as JSON) with no columns below it; a path that only held
   * objects is a parent whose fields are the columns, or a text column if none was seen.
   */
  public List<SampledField> columns() {
    Set<List<String>> whole = new HashSet<>();
    Set<List<String>> parents = new HashSet<>();
    fields.forEach((path, f) -> {
      if (f.objects && f.values) {
        whole.add(path);
      }
      if (path.size() > 1) {
        parents.add(path.subList(0, path.size() - 1));
      }
    });
    List<SampledField> out = new ArrayList<>();
    fields.forEach((path, f) -> {
      if (below(path, whole) || (f.objects && !f.values && parents.contains(path))) {
        return;
      }
      List<String> kinds = new ArrayList<>(f.kindNames);
      if (f.objects) {
        kinds.add(OBJECT);
      }
      out.add(new SampledField(path, f.objects ? ColumnType.of(TypeKind.VARCHAR) : type(f), kinds,
          f.present == records, f.counts.isEmpty() || f.objects ? Optional.empty()
              : Optional.of(ValueCounts.of(f.counts.values()))));
    });
    return out;
  }

  private static ColumnType type(Field f) {
    TypeKind kind = f.kinds.stream().reduce(TypeKind::widen).orElse(TypeKind.VARCHAR);
    if (kind != TypeKind.ARRAY) {
      return ColumnType.of(kind);
    }
    return ColumnType.array(ColumnType.of(f.elements.stream().reduce(TypeKind::widen).orElse(TypeKind.VARCHAR)));
  }

  private static boolean below(List<String> path, Set<List<String>> whole) {
    for (int n = 1; n < path.size(); n++) {
      if (whole.contains(path.subList(0, n))) {
        return true;
      }
    }
    return false;
  }
}
