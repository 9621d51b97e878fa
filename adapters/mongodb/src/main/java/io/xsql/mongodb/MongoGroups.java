package io.xsql.mongodb;

import io.xsql.spi.Aggregation;
import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.OnDrift;
import io.xsql.spi.OnError;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;

/**
 * A GROUP BY as one {@code $group} stage, and its result documents as rows. MongoDB groups and aggregates as
 * SQL does only over the kinds of values the sample saw (numbers by value, text for grouping and counting,
 * dates, booleans, ObjectIds); a document beyond the sample holding another kind would be grouped or summed
 * by MongoDB's rules, and no row is left to check afterwards. So the stage also counts, per field, the
 * values of other kinds, and a group with any fails the scan: never a silently different answer.
 *
 * <p>Fields of the result: {@code _id.g<i>} the group values (a missing field grouped with null, as SQL
 * groups NULLs), {@code a<i>} the aggregates, {@code n<i>} the non-null count behind a SUM (MongoDB's sum of
 * nothing is 0, SQL's is NULL), {@code d<i>} the values of other kinds in a field.
 */
final class MongoGroups implements MongoDecoder {
  private static final Set<BsonType> NUMBERS =
      EnumSet.of(BsonType.INT32, BsonType.INT64, BsonType.DOUBLE, BsonType.DECIMAL128);

  /** The kinds of values MongoDB groups, counts and compares in one class, with the class's bounds. */
  private enum Kinds {
    NUMBER(new BsonDouble(Double.NEGATIVE_INFINITY), new BsonDouble(Double.POSITIVE_INFINITY), true),
    STRING(new BsonString(""), new BsonDocument("$literal", new BsonDocument()), false),
    BOOLEAN(BsonBoolean.FALSE, BsonBoolean.TRUE, true),
    DATE(new BsonDateTime(Long.MIN_VALUE), new BsonDateTime(Long.MAX_VALUE), true),
    OBJECT_ID(new BsonObjectId(new ObjectId("000000000000000000000000")),
        new BsonObjectId(new ObjectId("ffffffffffffffffffffffff")), true);

    final BsonValue low;
    final BsonValue high;
    /** Whether MIN and MAX order the values as SQL does (not text: bytes against UTF-16 units). */
    final boolean ordered;

    Kinds(BsonValue low, BsonValue high, boolean ordered) {
      this.low = low;
      this.high = high;
      this.ordered = ordered;
    }

    static Optional<Kinds> of(Set<BsonType> seen) {
      if (!seen.isEmpty() && NUMBERS.containsAll(seen)) {
        return Optional.of(NUMBER);
      }
      if (seen.size() != 1) {
        return Optional.empty();
      }
      return switch (seen.iterator().next()) {
        case STRING -> Optional.of(STRING);
        case BOOLEAN -> Optional.of(BOOLEAN);
        case DATE_TIME -> Optional.of(DATE);
        case OBJECT_ID -> Optional.of(OBJECT_ID);
        default -> Optional.empty();
      };
    }

    /** Whether the field holds a value of this class (the upper bound of text is the least document). */
    BsonDocument holds(String field) {
      return and(new BsonDocument("$gte", new BsonArray(List.of(field(field), low))),
          new BsonDocument(this == STRING ? "$lt" : "$lte", new BsonArray(List.of(field(field), high))));
    }
  }

  private final MongoSchema schema;
  private final Aggregation aggregation;
  private final String where;
  /** The fields the stage reads, in order: a {@code d<i>} count each. */
  private final List<Integer> fields;
  private final MongoRows results;
  /** Where the {@code n<i>} of each call is in a decoded result, or -1. */
  private final int[] counts;

  private MongoGroups(MongoSchema schema, Aggregation aggregation, String where) {
    this.schema = schema;
    this.aggregation = aggregation;
    this.where = where + ", GROUP BY in MongoDB";
    List<Integer> used = new ArrayList<>(aggregation.groupBy());
    aggregation.calls().forEach(c -> c.column().ifPresent(used::add));
    this.fields = used.stream().distinct().toList();
    List<Column> columns = new ArrayList<>();
    List<List<String>> paths = new ArrayList<>();
    List<Integer> groupBy = aggregation.groupBy();
    for (int i = 0; i < groupBy.size(); i++) {
      columns.add(new Column("g" + i, schema.columns().get(groupBy.get(i)).type(), true));
      paths.add(List.of("_id", "g" + i));
    }
    List<Aggregation.Call> calls = aggregation.calls();
    counts = new int[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      Aggregation.Call c = calls.get(i);
      ColumnType type = c.column().isEmpty() ? ColumnType.of(TypeKind.BIGINT)
          : schema.columns().get(c.column().getAsInt()).type();
      TypeKind result = Aggregation.resultKind(c.function(), type.kind());
      columns.add(new Column(label(i), result == type.kind() ? type : ColumnType.of(result), true));
      paths.add(List.of(label(i)));
    }
    for (int i = 0; i < calls.size(); i++) {
      counts[i] = -1;
      if (calls.get(i).function() == Aggregation.Function.SUM) {
        counts[i] = columns.size();
        columns.add(new Column("n" + i, ColumnType.of(TypeKind.BIGINT), true));
        paths.add(List.of("n" + i));
      }
    }
    MongoSchema result = new MongoSchema(columns, paths, columns.stream().map(c -> Set.<BsonType>of()).toList(),
        false);
    results = new MongoRows(this.where, result, IntStream.range(0, columns.size()).toArray(), List.of(),
        OnError.FAIL, OnDrift.WARN);
  }

  /**
   * The GROUP BY as MongoDB would compute it exactly, if it can: every field of a known class (see
   * {@link Kinds}), sums over numbers of no fixed precision, MIN and MAX not over text, and {@code on_error:
   * fail} (with skip or null, which documents count is only known as they are read).
   */
  static Optional<MongoGroups> of(MongoSchema schema, Aggregation aggregation, String where, OnError onError) {
    if (onError != OnError.FAIL) {
      return Optional.empty();
    }
    for (int column : aggregation.groupBy()) {
      if (kinds(schema, column).isEmpty()) {
        return Optional.empty();
      }
    }
    for (Aggregation.Call c : aggregation.calls()) {
      if (c.column().isEmpty()) {
        continue;
      }
      int column = c.column().getAsInt();
      Optional<Kinds> kinds = kinds(schema, column);
      ColumnType type = schema.columns().get(column).type();
      boolean fits = switch (c.function()) {
        case COUNT -> kinds.isPresent();
        case SUM -> kinds.equals(Optional.of(Kinds.NUMBER)) && type.kind().isNumeric()
            && type.precision() == ColumnType.UNSPECIFIED;
        case MIN, MAX -> kinds.isPresent() && kinds.get().ordered && type.precision() == ColumnType.UNSPECIFIED;
      };
      if (!fits) {
        return Optional.empty();
      }
    }
    return Optional.of(new MongoGroups(schema, aggregation, where));
  }

  private static Optional<Kinds> kinds(MongoSchema schema, int column) {
    boolean addressable = schema.paths().get(column).stream()
        .noneMatch(name -> name.isEmpty() || name.contains(".") || name.startsWith("$"));
    return addressable ? Kinds.of(schema.sampled().get(column)) : Optional.empty();
  }

  /** The stage. */
  BsonDocument stage() {
    BsonValue id = BsonNull.VALUE;
    List<Integer> groupBy = aggregation.groupBy();
    if (!groupBy.isEmpty()) {
      BsonDocument keys = new BsonDocument();
      for (int i = 0; i < groupBy.size(); i++) {
        keys.put("g" + i, new BsonDocument("$ifNull", new BsonArray(List.of(field(path(groupBy.get(i))),
            BsonNull.VALUE))));
      }
      id = keys;
    }
    BsonDocument group = new BsonDocument("_id", id);
    List<Aggregation.Call> calls = aggregation.calls();
    for (int i = 0; i < calls.size(); i++) {
      Aggregation.Call c = calls.get(i);
      String f = c.column().isPresent() ? path(c.column().getAsInt()) : null;
      group.put(label(i), switch (c.function()) {
        case COUNT -> new BsonDocument("$sum", f == null ? new BsonInt32(1) : present(f));
        case SUM -> new BsonDocument("$sum", field(f));
        case MIN -> new BsonDocument("$min", field(f));
        case MAX -> new BsonDocument("$max", field(f));
      });
    }
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).function() == Aggregation.Function.SUM) {
        group.put("n" + i, new BsonDocument("$sum", present(path(calls.get(i).column().getAsInt()))));
      }
    }
    for (int i = 0; i < fields.size(); i++) {
      int column = fields.get(i);
      String f = path(column);
      BsonDocument fits = new BsonDocument("$or", new BsonArray(List.of(isNull(f),
          kinds(schema, column).orElseThrow().holds(f))));
      group.put("d" + i, new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray(List.of(fits,
          new BsonInt32(0), new BsonInt32(1))))));
    }
    return new BsonDocument("$group", group);
  }

  private String label(int call) {
    return "a" + call;
  }

  private String path(int column) {
    return schema.path(column);
  }

  private static BsonString field(String path) {
    return new BsonString("$" + path);
  }

  private static BsonDocument isNull(String path) {
    return new BsonDocument("$eq", new BsonArray(List.of(new BsonDocument("$ifNull",
        new BsonArray(List.of(field(path), BsonNull.VALUE))), BsonNull.VALUE)));
  }

  /** 1 where the field has a value, 0 where it is null or missing. */
  private static BsonDocument present(String path) {
    return new BsonDocument("$cond", new BsonArray(List.of(isNull(path), new BsonInt32(0), new BsonInt32(1))));
  }

  private static BsonDocument and(BsonDocument a, BsonDocument b) {
    return new BsonDocument("$and", new BsonArray(List.of(a, b)));
  }

  /** Checks the group's counts of other kinds first: they explain any value that then would not fit. */
  @Override
  public Optional<Object[]> decode(RawBsonDocument document) {
    for (int i = 0; i < fields.size(); i++) {
      BsonValue count = document.get("d" + i);
      long others = count != null && count.isNumber() ? count.asNumber().longValue() : 0;
      if (others > 0) {
        throw new SourceException(ErrorCode.DATA_TYPE, where + ": " + others + " document"
            + (others == 1 ? "" : "s") + " of a group hold a kind of value the sample did not see in field '"
            + path(fields.get(i)) + "' (it saw " + schema.sampled().get(fields.get(i)).stream().map(MongoTypes::name)
            .toList() + "), which MongoDB would group and aggregate by other rules than SQL; raise sample_size"
            + " or type the column in the catalog");
      }
    }
    Object[] result = results.decode(document).orElseThrow();
    int width = aggregation.groupBy().size() + aggregation.calls().size();
    Object[] row = new Object[width];
    System.arraycopy(result, 0, row, 0, width);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] >= 0 && Long.valueOf(0).equals(result[counts[i]])) {
        row[aggregation.groupBy().size() + i] = null;
      }
    }
    return Optional.of(row);
  }

  /** Without group columns there is one row even for no documents, which gives MongoDB no group. */
  @Override
  public Optional<Object[]> last(long rows) {
    if (rows > 0 || !aggregation.groupBy().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(aggregation.calls().stream()
        .map(c -> c.function() == Aggregation.Function.COUNT ? (Object) 0L : null).toArray());
  }

  @Override
  public void report(ScanContext context) {
    results.report(context);
  }
}
