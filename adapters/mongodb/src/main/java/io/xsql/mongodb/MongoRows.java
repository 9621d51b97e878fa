package io.xsql.mongodb;

import io.xsql.spi.CheckedColumns;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.ErrorLog;
import io.xsql.spi.OnDrift;
import io.xsql.spi.OnError;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Reads the requested columns of a document straight from its BSON bytes into a row array: a tree of the
 * needed field paths says which fields to convert and which to skip unread; no document object is built.
 * It also keeps the scan's accounts: values that do not fit ({@code on_error}), values of kinds a contract
 * does not list ({@code on_drift}), and documents MongoDB matched that the query's conditions do not.
 */
final class MongoRows implements MongoDecoder {
  /** One field name of the needed paths. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    int[] outs = new int[0];
    ColumnType type;
    /** The kinds a contract lists for the column; null without a contract. */
    Set<BsonType> kinds;
    /** The field names down to this node. */
    List<String> path = List.of();
  }

  /** Ends the reading of a document that {@code on_error: skip} leaves out. */
  private static final class Skip extends RuntimeException {
    Skip() {
      super(null, null, false, false);
    }
  }

  private static final Skip SKIP = new Skip();

  /** How much of a value that does not fit an error message shows. */
  private static final int SHOWN_CHARS = 100;

  private final Node root = new Node();
  private final CheckedColumns columns;
  /** How many columns a document's row holds before the requested ones are cut out. */
  private final int decodedWidth;
  private final List<String> fields;
  private final String where;
  private final OnError onError;
  private final OnDrift onDrift;
  private final ErrorLog errors;
  private long drifted;
  private String firstDrift;
  private long unmatched;
  private String firstUnmatched;
  private boolean reported;

  /**
   * @param where the source and collection, for messages
   * @param requested the table columns to return, in output order
   * @param checks predicates a row must satisfy, checked on the decoded values (their columns are read too)
   * @param onError what a value that does not fit its column does; with {@code skip} every column is read,
   *     so that whether a document is left out does not depend on the query
   * @param onDrift what a value of a kind the schema's contract does not list does
   */
  MongoRows(String where, MongoSchema schema, int[] requested, List<Predicate> checks, OnError onError,
      OnDrift onDrift) {
    this.where = where;
    this.onError = onError;
    this.onDrift = onDrift;
    this.errors = new ErrorLog(where);
    BitSet all = new BitSet();
    if (onError == OnError.SKIP) {
      all.set(0, schema.columns().size());
    }
    this.columns = new CheckedColumns(schema.columns().size(), requested, checks, all);
    int[] decoded = columns.decoded();
    this.decodedWidth = decoded.length;
    for (int out = 0; out < decoded.length; out++) {
      Node node = root;
      for (String name : schema.paths().get(decoded[out])) {
        List<String> parent = node.path;
        node = node.children.computeIfAbsent(name, n -> new Node());
        node.path = Stream.concat(parent.stream(), Stream.of(name)).toList();
      }
      node.outs = Arrays.copyOf(node.outs, node.outs.length + 1);
      node.outs[node.outs.length - 1] = out;
      node.type = schema.columns().get(decoded[out]).type();
      node.kinds = schema.contracted() ? EnumSet.copyOf(withNull(schema.sampled().get(decoded[out]))) : null;
    }
    this.fields = Arrays.stream(decoded).mapToObj(schema::path).distinct().toList();
  }

  /** The dotted paths of the fields read, for the query's projection. */
  List<String> fields() {
    return fields;
  }

  private static Set<BsonType> withNull(Set<BsonType> kinds) {
    Set<BsonType> out = EnumSet.of(BsonType.NULL, BsonType.UNDEFINED);
    out.addAll(kinds);
    return out;
  }

  /** The row of a document, or empty when it is left out ({@code on_error: skip}) or fails a check. */
  @Override
  public Optional<Object[]> decode(RawBsonDocument document) {
    Object[] row = new Object[decodedWidth];
    try (BsonBinaryReader r = new BsonBinaryReader(document.getByteBuffer().asNIO())) {
      read(r, root, row, document);
    } catch (Skip e) {
      return Optional.empty();
    }
    if (!columns.passes(row)) {
      if (unmatched++ == 0) {
        firstUnmatched = id(document);
      }
      return Optional.empty();
    }
    return Optional.of(columns.requested(row));
  }

  @Override
  public void report(ScanContext context) {
    if (reported) {
      return;
    }
    reported = true;
    errors.report(context);
    if (drifted > 0) {
      context.warn(drifted + " value" + (drifted == 1 ? "" : "s") + " in " + where + " departed from the"
          + " schema contract (on_drift: warn); the first at " + firstDrift);
    }
    if (unmatched > 0) {
      context.warn(where + ": MongoDB matched " + unmatched + " document" + (unmatched == 1 ? "" : "s")
          + " (the first _id=" + firstUnmatched + ") that the query's conditions do not, on values of a kind"
          + " the sample did not see; MongoDB may also have left out documents the conditions match"
          + " (raise sample_size or type the column in the catalog)");
    }
  }

  private void read(BsonReader r, Node node, Object[] row, RawBsonDocument document) {
    r.readStartDocument();
    while (r.readBsonType() != BsonType.END_OF_DOCUMENT) {
      Node child = node.children.get(r.readName());
      BsonType type = r.getCurrentBsonType();
      if (child == null) {
        r.skipValue();
      } else if (child.outs.length > 0) {
        if (child.kinds != null && !child.kinds.contains(type)) {
          drift(document, child, type);
        }
        Object value = MongoTypes.read(r, type, child.type);
        if (value == MongoTypes.MISMATCH) {
          value = misfit(document, child.path, child.type.toString());
        }
        for (int out : child.outs) {
          row[out] = value;
        }
      } else if (type == BsonType.DOCUMENT) {
        read(r, child, row, document);
      } else if (type == BsonType.NULL || type == BsonType.UNDEFINED) {
        r.skipValue();
      } else {
        r.skipValue();
        misfit(document, child.path, "an object with the columns below it");
      }
    }
    r.readEndDocument();
  }

  /**
   * A value that does not fit its column: fails the scan, or is read as NULL, or leaves the document out,
   * as {@code on_error} says.
   */
  private Object misfit(RawBsonDocument document, List<String> path, String expected) {
    if (onError == OnError.FAIL) {
      throw new SourceException(ErrorCode.DATA_TYPE, problem(document, path, "does not fit column type "
          + expected + " (set in the catalog or inferred from the sample; raise sample_size if the collection"
          + " mixes types, or set on_error)"));
    }
    Supplier<String> problem = () -> problem(document, path, "does not fit column type " + expected);
    if (onError == OnError.SKIP) {
      errors.skipped(0, problem);
      throw SKIP;
    }
    errors.nulled(0, problem);
    return null;
  }

  /** A value of a kind the contract does not list: fails the scan or is counted, as {@code on_drift} says. */
  private void drift(RawBsonDocument document, Node node, BsonType type) {
    String listed = node.kinds.stream().filter(k -> k != BsonType.NULL && k != BsonType.UNDEFINED)
        .map(MongoTypes::name).collect(Collectors.joining(", "));
    if (onDrift == OnDrift.FAIL) {
      throw new SourceException(ErrorCode.DATA_TYPE, problem(document, node.path, "is of a kind the schema"
          + " contract does not list (" + listed + "; on_drift: fail)"));
    }
    if (drifted++ == 0) {
      firstDrift = "_id=" + id(document) + ": field '" + String.join(".", node.path) + "' holds a "
          + MongoTypes.name(type) + " value; the contract lists " + listed;
    }
  }

  /** Names the document, the field and its value (found again in the document: the reader is past it). */
  private String problem(RawBsonDocument document, List<String> path, String what) {
    BsonValue value = document;
    for (String name : path) {
      value = value.asDocument().get(name);
    }
    String shown = MongoTypes.json(value);
    if (shown.length() > SHOWN_CHARS) {
      shown = shown.substring(0, SHOWN_CHARS) + "...";
    }
    return where + ", document _id=" + id(document) + ": field '" + String.join(".", path) + "' holds a "
        + MongoTypes.name(value.getBsonType()) + " value (" + shown + ") that " + what;
  }

  private static String id(RawBsonDocument document) {
    BsonValue id = document.get("_id");
    return id == null ? "?" : MongoTypes.json(id);
  }
}
