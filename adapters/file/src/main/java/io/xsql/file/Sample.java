package io.xsql.file;

import io.xsql.spi.ValueCounts;
import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What sampling the first records found: each field's key path in first-seen order, the kinds of its
 * values, how often each value occurred, and whether it held nested objects. Records and bytes are counted
 * to estimate the row count.
 */
final class Sample {
  /** What was seen at one key path. */
  private static final class Field {
    final Set<TypeKind> kinds = new LinkedHashSet<>();
    /** Occurrences of each value's text. */
    final Map<String, Integer> counts = new HashMap<>();
    /** The first and last values' text, and how many runs of equal values they made, in record order. */
    String first;
    String last;
    long runs;
    /** The values in the first run and in the last one, which the sample may have cut short. */
    long firstRun;
    long lastRun;
    boolean objects;
    /** Whether non-null values other than objects were seen. */
    boolean values;

    TypeKind kind() {
      return kinds.stream().reduce(TypeKind::widen).orElse(null);
    }
  }

  /** Runs a grouped column's estimate needs to have seen whole, so that their mean length says something. */
  private static final int MIN_WHOLE_RUNS = 20;

  private final Map<List<String>, Field> fields = new LinkedHashMap<>();
  long records;
  long bytes;

  /**
   * A value at a path; a null kind is JSON or CSV null, which says nothing about the type.
   *
   * @param text the value as written, counted for distinct values; null when not a plain value
   */
  void value(List<String> path, TypeKind kind, String text) {
    Field f = fields.computeIfAbsent(List.copyOf(path), p -> new Field());
    if (kind != null) {
      f.values = true;
      f.kinds.add(kind);
      if (text != null) {
        f.counts.merge(text, 1, Integer::sum);
        if (!text.equals(f.last)) {
          f.runs++;
          f.last = text;
          f.lastRun = 0;
        }
        f.lastRun++;
        if (f.runs == 1) {
          f.firstRun = f.lastRun;
        }
        if (f.first == null) {
          f.first = text;
        }
      }
    }
  }

  /** A nested object at a path whose fields are sampled as paths below it. */
  void object(List<String> path) {
    fields.computeIfAbsent(List.copyOf(path), p -> new Field()).objects = true;
  }

  /** Takes in what another sample saw (one whole record, so that a record broken halfway adds nothing). */
  void add(Sample other) {
    other.fields.forEach((path, f) -> {
      Field mine = fields.computeIfAbsent(path, p -> new Field());
      mine.kinds.addAll(f.kinds);
      mine.objects |= f.objects;
      mine.values |= f.values;
      f.counts.forEach((text, n) -> mine.counts.merge(text, n, Integer::sum));
      if (f.first != null) {
        boolean continues = f.first.equals(mine.last);
        if (mine.runs == 0) {
          mine.firstRun = f.firstRun;
        } else if (mine.runs == 1 && continues) {
          mine.firstRun += f.firstRun;
        }
        mine.lastRun = continues && f.runs == 1 ? mine.lastRun + f.lastRun : f.lastRun;
        mine.runs += f.runs - (continues ? 1 : 0);
        mine.first = mine.first == null ? f.first : mine.first;
        mine.last = f.last;
      }
    });
  }

  /** Whether anything was seen (a header counts). */
  boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * The columns: one per key path holding values. A path that held only objects is a parent whose fields
   * are the columns; a path that held objects and other values becomes one text column (the objects as
   * JSON), and the paths below it are dropped.
   *
   * @param rows the rows estimated in all files, for each column's distinct values
   */
  List<SampledColumn> columns(OptionalLong rows) {
    List<SampledColumn> out = new ArrayList<>();
    List<List<String>> textParents = new ArrayList<>();
    for (Map.Entry<List<String>, Field> e : fields.entrySet()) {
      List<String> path = e.getKey();
      Field f = e.getValue();
      if (textParents.stream().anyMatch(p -> path.size() > p.size() && path.subList(0, p.size()).equals(p))) {
        continue;
      }
      boolean hasChildren = fields.keySet().stream().anyMatch(p -> p.size() > path.size()
          && p.subList(0, path.size()).equals(path));
      if (f.objects && !f.values && hasChildren) {
        continue;
      }
      if (f.objects) {
        textParents.add(path);
        out.add(new SampledColumn(path, ColumnType.of(TypeKind.VARCHAR), f.values
            ? "held objects and other values; read as text" : "", OptionalLong.empty()));
        continue;
      }
      ColumnType type = type(f.kind());
      out.add(new SampledColumn(path, type, f.kinds.size() < 2 ? ""
          : "held " + f.kinds.stream().map(Enum::name).collect(Collectors.joining(" and ")) + " values; read as "
              + type, distinct(f, rows)));
    }
    return out;
  }

  /**
   * The column's distinct values among {@code rows}, from how its sampled values repeat; none for a column
   * the sample held no plain values in.
   */
  private static OptionalLong distinct(Field f, OptionalLong rows) {
    if (f.counts.isEmpty()) {
      return OptionalLong.empty();
    }
    long values = f.counts.values().stream().mapToLong(Integer::longValue).sum();
    if (values == f.counts.size() || f.runs > f.counts.size()) {
      return ValueCounts.of(f.counts.values()).estimate(rows);
    }
    return grouped(f, values, rows);
  }

  /**
   * The distinct values of a column the file is grouped or sorted on: each value the sample saw more than
   * once came in one run of records. The first records then show only its first few values; counting them
   * estimated 250 distinct part keys in TPC-H's partsupp for 200,000. The runs tell instead: the rows over
   * the mean length of the runs the sample saw whole (not the first or the last, which it may have cut).
   * With fewer than {@link #MIN_WHOLE_RUNS} of them (a column of a few values in long runs), the count is
   * unknown.
   */
  private static OptionalLong grouped(Field f, long values, OptionalLong rows) {
    if (rows.isPresent() && rows.getAsLong() <= values) {
      // The sample is the whole source: its values are all there are.
      return OptionalLong.of(f.counts.size());
    }
    long wholeRuns = f.runs - 2;
    if (rows.isEmpty() || wholeRuns < MIN_WHOLE_RUNS) {
      return OptionalLong.empty();
    }
    double meanRun = (double) (values - f.firstRun - f.lastRun) / wholeRuns;
    return OptionalLong.of(Math.max(f.counts.size(), Math.round(rows.getAsLong() / meanRun)));
  }

  /**
   * The type of an inferred kind. A column seen only with nulls has nothing to go by: text holds whatever
   * comes later. DECIMAL is inferred only for integers too big for BIGINT.
   */
  private static ColumnType type(TypeKind kind) {
    if (kind == null) {
      return ColumnType.of(TypeKind.VARCHAR);
    }
    return kind == TypeKind.DECIMAL ? ColumnType.decimal(38, 0) : ColumnType.of(kind);
  }

  /**
   * A column found by sampling.
   *
   * @param path the key path (one key for flat formats)
   * @param type the inferred type
   * @param note why the type is wider than some values, or empty
   * @param distinct the distinct values estimated in all files, if the sample tells
   */
  record SampledColumn(List<String> path, ColumnType type, String note, OptionalLong distinct) {
    String name() {
      return String.join(".", path);
    }
  }
}
