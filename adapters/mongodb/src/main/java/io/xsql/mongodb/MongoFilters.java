package io.xsql.mongodb;

import io.xsql.spi.ColumnType;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.SortOrder;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * SQL predicates as a MongoDB query filter. A predicate goes to MongoDB only where MongoDB decides it as SQL
 * does for every value of the kinds the sample saw in that field: numbers compare by value across int, long,
 * double and decimal; text only for equality (MongoDB orders strings by UTF-8 bytes, the engine by UTF-16
 * units) and LIKE (an anchored regular expression); an ObjectId column matches its 24 hex digits. Missing
 * fields count as NULL, so {@code <>} and {@code NOT LIKE} exclude them explicitly. Values always travel as
 * BSON values of the column's kind, never as text pasted into the filter.
 *
 * <p>A document whose field holds a kind the sample did not see may match in MongoDB and not in SQL (an array
 * holding the value, for example): the cursor checks each row against the predicates again.
 */
final class MongoFilters {
  private static final Set<BsonType> NUMBERS =
      EnumSet.of(BsonType.INT32, BsonType.INT64, BsonType.DOUBLE, BsonType.DECIMAL128);
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");

  /** How far MongoDB can compare a column's values exactly as SQL does. */
  private enum Compared { NOTHING, EQUALITY, ORDER }

  private final MongoSchema schema;

  MongoFilters(MongoSchema schema) {
    this.schema = schema;
  }

  /** Whether MongoDB can decide {@code op} on a column exactly. */
  boolean canFilter(int column, FilterOp op) {
    if (column < 0 || column >= schema.columns().size() || !addressable(schema.paths().get(column))) {
      return false;
    }
    Set<BsonType> seen = schema.sampled().get(column);
    Compared compared = compared(schema.columns().get(column).type(), seen);
    return switch (op) {
      case IS_NULL, IS_NOT_NULL -> !seen.contains(BsonType.ARRAY);
      case EQ, NE, IN -> compared != Compared.NOTHING;
      case LT, LE, GT, GE -> compared == Compared.ORDER;
      case LIKE -> seen.equals(Set.of(BsonType.STRING));
    };
  }

  /**
   * Whether MongoDB sorts by these columns as SQL does: numbers, dates, booleans and ObjectIds, never arrays
   * or text (see the class comment). MongoDB puts nulls lowest; an order that puts them elsewhere is kept
   * for one key only, whose nulls the scan then reads apart.
   */
  boolean canSort(SortOrder order) {
    for (SortOrder.Key key : order.keys()) {
      int column = key.column();
      if (column < 0 || column >= schema.columns().size() || !addressable(schema.paths().get(column))) {
        return false;
      }
      Set<BsonType> seen = schema.sampled().get(column);
      Compared compared = compared(schema.columns().get(column).type(), seen);
      if (compared != Compared.ORDER && !seen.equals(Set.of(BsonType.BOOLEAN))
          && !seen.equals(Set.of(BsonType.OBJECT_ID))) {
        return false;
      }
    }
    return order.keys().size() == 1 || nullsAsMongoDb(order);
  }

  /** Whether every key puts nulls where MongoDB does: lowest, so first ascending and last descending. */
  static boolean nullsAsMongoDb(SortOrder order) {
    return order.keys().stream().allMatch(k -> k.nullsFirst() != k.descending());
  }

  /** The sort specification of an order MongoDB {@link #canSort}. */
  BsonDocument sort(SortOrder order) {
    BsonDocument sort = new BsonDocument();
    order.keys().forEach(k -> sort.put(schema.path(k.column()), new BsonInt32(k.descending() ? -1 : 1)));
    return sort;
  }

  /** A field path a filter can name: no part with a dot or a leading {@code $}. */
  private static boolean addressable(List<String> path) {
    return path.stream().noneMatch(name -> name.isEmpty() || name.contains(".") || name.startsWith("$"));
  }

  private static Compared compared(ColumnType type, Set<BsonType> seen) {
    if (seen.isEmpty()) {
      return Compared.NOTHING;
    }
    TypeKind kind = type.kind();
    if (kind.isNumeric() && NUMBERS.containsAll(seen) && type.precision() == ColumnType.UNSPECIFIED) {
      return Compared.ORDER;
    }
    if ((kind == TypeKind.TIMESTAMP || kind == TypeKind.DATE) && seen.equals(Set.of(BsonType.DATE_TIME))) {
      return Compared.ORDER;
    }
    if (kind == TypeKind.VARCHAR && type.precision() == ColumnType.UNSPECIFIED
        && (seen.equals(Set.of(BsonType.STRING)) || seen.equals(Set.of(BsonType.OBJECT_ID)))) {
      return Compared.EQUALITY;
    }
    return kind == TypeKind.BOOLEAN && seen.equals(Set.of(BsonType.BOOLEAN)) ? Compared.EQUALITY
        : Compared.NOTHING;
  }

  /** The filter selecting the documents that satisfy all predicates; an empty document for none. */
  BsonDocument filter(List<Predicate> predicates) {
    return and(predicates.stream().map(this::filter).toList());
  }

  /**
   * The filter selecting the documents whose key columns equal one of the key tuples: {@code $in} for one
   * column, an {@code $or} of equalities for several.
   */
  BsonDocument keys(List<Integer> keyColumns, List<List<Object>> keys) {
    if (keyColumns.size() == 1) {
      return filter(new Predicate.In(keyColumns.get(0), keys.stream().map(k -> k.get(0)).toList()));
    }
    BsonArray tuples = new BsonArray();
    for (List<Object> key : keys) {
      List<BsonDocument> equal = new ArrayList<>();
      for (int i = 0; i < keyColumns.size(); i++) {
        equal.add(filter(new Predicate.Compare(keyColumns.get(i), FilterOp.EQ, key.get(i))));
      }
      tuples.add(and(equal));
    }
    return new BsonDocument("$or", tuples);
  }

  /** A conjunction of filters, leaving out empty ones. */
  static BsonDocument and(List<BsonDocument> filters) {
    List<BsonDocument> some = filters.stream().filter(f -> !f.isEmpty()).toList();
    return some.isEmpty() ? new BsonDocument() : some.size() == 1 ? some.get(0)
        : new BsonDocument("$and", new BsonArray(some));
  }

  private BsonDocument filter(Predicate p) {
    if (p instanceof Predicate.Compare c) {
      List<BsonValue> values = values(c.column(), c.value());
      return switch (c.op()) {
        case EQ -> field(c.column(), values.size() == 1 ? new BsonDocument("$eq", values.get(0))
            : new BsonDocument("$in", new BsonArray(values)));
        case NE -> field(c.column(), new BsonDocument("$nin", withNull(values)));
        default -> field(c.column(), new BsonDocument(operator(c.op()), values.get(0)));
      };
    }
    if (p instanceof Predicate.In in) {
      BsonArray values = new BsonArray();
      in.values().forEach(v -> values.addAll(values(in.column(), v)));
      return field(in.column(), new BsonDocument("$in", values));
    }
    if (p instanceof Predicate.IsNull n) {
      return field(n.column(), n.negated() ? new BsonDocument("$ne", BsonNull.VALUE) : new BsonDocument("$eq",
          BsonNull.VALUE));
    }
    if (p instanceof Predicate.Like like) {
      BsonDocument regex = new BsonDocument("$regex", new BsonString(regex(like.pattern(), like.escape())))
          .append("$options", new BsonString("s"));
      return field(like.column(), like.negated()
          ? new BsonDocument("$not", regex).append("$ne", BsonNull.VALUE) : regex);
    }
    BsonArray alternatives = new BsonArray();
    ((Predicate.AnyOf) p).alternatives().forEach(a -> alternatives.add(filter(a)));
    return new BsonDocument("$or", alternatives);
  }

  private BsonDocument field(int column, BsonDocument condition) {
    return new BsonDocument(schema.path(column), condition);
  }

  private static BsonArray withNull(List<BsonValue> values) {
    BsonArray out = new BsonArray(values);
    out.add(BsonNull.VALUE);
    return out;
  }

  private static String operator(FilterOp op) {
    return switch (op) {
      case LT -> "$lt";
      case LE -> "$lte";
      case GT -> "$gt";
      case GE -> "$gte";
      default -> throw new AssertionError(op);
    };
  }

  /**
   * A value as the BSON values it may be stored as: one, except that an ObjectId column's hex text may also
   * be stored as a string. A value not of the column's class (a query parameter not yet bound, shown by
   * EXPLAIN) is shown as its text.
   */
  private List<BsonValue> values(int column, Object value) {
    ColumnType type = schema.columns().get(column).type();
    if (!type.kind().javaClass().isInstance(value)) {
      return List.of(new BsonString(String.valueOf(value)));
    }
    if (type.kind() == TypeKind.VARCHAR && schema.sampled().get(column).equals(Set.of(BsonType.OBJECT_ID))
        && OBJECT_ID.matcher((String) value).matches()) {
      return List.of(new BsonObjectId(new ObjectId((String) value)), new BsonString((String) value));
    }
    return List.of(switch (type.kind()) {
      case INTEGER -> new BsonInt32((Integer) value);
      case BIGINT -> new BsonInt64((Long) value);
      case DOUBLE -> new BsonDouble((Double) value);
      case DECIMAL -> new BsonDecimal128(new Decimal128((BigDecimal) value));
      case BOOLEAN -> BsonBoolean.valueOf((Boolean) value);
      case TIMESTAMP -> new BsonDateTime((Long) value);
      case DATE -> new BsonDateTime((Integer) value * MongoTypes.MILLIS_PER_DAY);
      default -> new BsonString(value.toString());
    });
  }

  /**
   * A LIKE pattern as an anchored regular expression for the {@code s} option (a dot matches line breaks
   * too): {@code %} any run, {@code _} one character, everything else literal, escaped with a backslash
   * where it is ASCII punctuation (MongoDB's PCRE and the test server's Java regexes read that alike).
   */
  static String regex(String pattern, Optional<Character> escape) {
    StringBuilder out = new StringBuilder("\\A");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape.isPresent() && c == escape.get()) {
        literal(out, pattern.charAt(++i));
      } else if (c == '%') {
        out.append(".*");
      } else if (c == '_') {
        out.append('.');
      } else {
        literal(out, c);
      }
    }
    return out.append("\\z").toString();
  }

  private static void literal(StringBuilder out, char c) {
    if (c < 0x80 && !Character.isLetterOrDigit(c)) {
      out.append('\\');
    }
    out.append(c);
  }
}
