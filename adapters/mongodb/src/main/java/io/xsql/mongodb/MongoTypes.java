package io.xsql.mongodb;

import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.ByteString;
import org.bson.BsonDocument;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Decimal128;

/**
 * BSON kinds as SQL types, and BSON values read into the engine's representation ({@code TypeKind.javaClass()}):
 * ObjectId as 24 hex digits, dates as Long millis (UTC), deeper documents and arrays as JSON text.
 */
final class MongoTypes {
  /** What {@link #read} returns for a value its column's type cannot hold exactly. */
  static final Object MISMATCH = new Object();

  private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
  private static final BsonValueCodec VALUES = new BsonValueCodec();
  private static final DecoderContext DECODE = DecoderContext.builder().build();
  private static final long DOUBLE_EXACT = 1L << 53;
  static final long MILLIS_PER_DAY = 86_400_000L;

  private MongoTypes() {}

  /** The SQL kind of a BSON type; null for null and undefined, which say nothing about the type. */
  static TypeKind kind(BsonType type) {
    return switch (type) {
      case INT32 -> TypeKind.INTEGER;
      case INT64 -> TypeKind.BIGINT;
      case DOUBLE -> TypeKind.DOUBLE;
      case DECIMAL128 -> TypeKind.DECIMAL;
      case BOOLEAN -> TypeKind.BOOLEAN;
      case DATE_TIME -> TypeKind.TIMESTAMP;
      case BINARY -> TypeKind.VARBINARY;
      case NULL, UNDEFINED -> null;
      default -> TypeKind.VARCHAR;
    };
  }

  /**
   * Reads the reader's current value as a value of {@code column}, or {@link #MISMATCH}; either way the reader
   * is after the value. A DECIMAL typed in the catalog takes doubles too (by their shortest decimal form)
   * and rounds to its scale, as a value stored into a declared column does.
   */
  static Object read(BsonReader r, BsonType type, ColumnType column) {
    if (column.kind() == TypeKind.ARRAY && type == BsonType.ARRAY) {
      return array(r, column.element().orElseThrow());
    }
    boolean declared = column.precision() != ColumnType.UNSPECIFIED;
    Object value = declared && column.kind() == TypeKind.DECIMAL && type == BsonType.DOUBLE
        ? decimal(r.readDouble()) : read(r, type, column.kind());
    if (value == null || value == MISMATCH || !declared) {
      return value;
    }
    try {
      return column.fit(value, true);
    } catch (IllegalArgumentException e) {
      return MISMATCH;
    }
  }

  private static Object read(BsonReader r, BsonType type, TypeKind column) {
    if (type == BsonType.NULL) {
      r.readNull();
      return null;
    }
    if (type == BsonType.UNDEFINED) {
      r.readUndefined();
      return null;
    }
    return switch (column) {
      case VARCHAR -> text(r, type);
      case INTEGER -> switch (type) {
        case INT32 -> r.readInt32();
        case INT64 -> {
          long v = r.readInt64();
          yield v == (int) v ? (Object) (int) v : MISMATCH;
        }
        default -> skip(r);
      };
      case BIGINT -> switch (type) {
        case INT32 -> (long) r.readInt32();
        case INT64 -> r.readInt64();
        default -> skip(r);
      };
      case DOUBLE -> switch (type) {
        case DOUBLE -> r.readDouble();
        case INT32 -> (double) r.readInt32();
        case INT64 -> {
          long v = r.readInt64();
          yield Math.abs(v) <= DOUBLE_EXACT ? (Object) (double) v : MISMATCH;
        }
        case DECIMAL128 -> exactDouble(r.readDecimal128());
        default -> skip(r);
      };
      case DECIMAL -> switch (type) {
        case INT32 -> BigDecimal.valueOf(r.readInt32());
        case INT64 -> BigDecimal.valueOf(r.readInt64());
        case DECIMAL128 -> {
          Decimal128 d = r.readDecimal128();
          yield d.isNaN() || d.isInfinite() ? MISMATCH : d.bigDecimalValue();
        }
        default -> skip(r);
      };
      case BOOLEAN -> type == BsonType.BOOLEAN ? (Object) r.readBoolean() : skip(r);
      case TIMESTAMP -> type == BsonType.DATE_TIME ? (Object) r.readDateTime() : skip(r);
      case DATE -> type == BsonType.DATE_TIME ? day(r.readDateTime()) : skip(r);
      case VARBINARY -> type == BsonType.BINARY ? new ByteString(r.readBinaryData().getData()) : skip(r);
      default -> skip(r);
    };
  }

  /** Passes over a value that does not fit, so that the reader is after it as after any other. */
  private static Object skip(BsonReader r) {
    r.skipValue();
    return MISMATCH;
  }

  private static Object decimal(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? MISMATCH : BigDecimal.valueOf(v);
  }

  /** The elements of an array, each read as the element type; MISMATCH if one does not fit. */
  private static Object array(BsonReader r, ColumnType element) {
    List<Object> out = new ArrayList<>();
    boolean fits = true;
    r.readStartArray();
    while (r.readBsonType() != BsonType.END_OF_DOCUMENT) {
      BsonType type = r.getCurrentBsonType();
      Object value = fits ? read(r, type, element) : skip(r);
      fits &= value != MISMATCH;
      out.add(value);
    }
    r.readEndArray();
    return fits ? Collections.unmodifiableList(out) : MISMATCH;
  }

  /** A date stored as its midnight UTC, as days since 1970; any other instant is not a DATE. */
  private static Object day(long millis) {
    return Math.floorMod(millis, MILLIS_PER_DAY) == 0 ? (Object) (int) Math.floorDiv(millis, MILLIS_PER_DAY)
        : MISMATCH;
  }

  private static Object exactDouble(Decimal128 d) {
    if (d.isNaN() || d.isInfinite()) {
      return MISMATCH;
    }
    BigDecimal exact = d.bigDecimalValue();
    double v = exact.doubleValue();
    return !Double.isInfinite(v) && new BigDecimal(v).compareTo(exact) == 0 ? (Object) v : MISMATCH;
  }

  /** Any value as text: strings as they are, ObjectIds in hex, numbers and booleans as SQL prints them. */
  private static String text(BsonReader r, BsonType type) {
    return switch (type) {
      case STRING -> r.readString();
      case OBJECT_ID -> r.readObjectId().toHexString();
      case INT32 -> Integer.toString(r.readInt32());
      case INT64 -> Long.toString(r.readInt64());
      case DOUBLE -> Double.toString(r.readDouble());
      case DECIMAL128 -> r.readDecimal128().toString();
      case BOOLEAN -> Boolean.toString(r.readBoolean());
      case DATE_TIME -> Instant.ofEpochMilli(r.readDateTime()).toString();
      default -> json(VALUES.decode(r, DECODE));
    };
  }

  /** A value as relaxed extended JSON: documents and arrays as JSON text, an ObjectId as its hex digits. */
  static String json(BsonValue value) {
    if (value.isDocument()) {
      return value.asDocument().toJson(JSON);
    }
    if (value.isObjectId()) {
      return value.asObjectId().getValue().toHexString();
    }
    if (value.isString()) {
      return value.asString().getValue();
    }
    // Only documents print as JSON: wrap the value in one and cut it out again.
    String wrapped = new BsonDocument("v", value).toJson(JSON);
    return wrapped.substring(wrapped.indexOf(':') + 1, wrapped.length() - 1).trim();
  }

  /** The BSON type of a {@code $type} name, as {@link #name} gives it. */
  static Optional<BsonType> bsonType(String name) {
    return Arrays.stream(BsonType.values()).filter(t -> name(t).equals(name)).findFirst();
  }

  /** The BSON type as users know it from MongoDB's {@code $type} names. */
  static String name(BsonType type) {
    return switch (type) {
      case INT32 -> "int";
      case INT64 -> "long";
      case DOUBLE -> "double";
      case DECIMAL128 -> "decimal";
      case STRING -> "string";
      case BOOLEAN -> "bool";
      case DATE_TIME -> "date";
      case OBJECT_ID -> "objectId";
      case DOCUMENT -> "object";
      case ARRAY -> "array";
      case BINARY -> "binData";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
