package io.xsql.mongodb;

import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.Predicate;
import io.xsql.spi.SourceException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Reads the requested columns of a document straight from its BSON bytes into a row array: a tree of the
 * needed field paths says which fields to convert and which to skip unread; no document object is built.
 */
final class MongoRows {
  /** One field name of the needed paths. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    int[] outs = new int[0];
    ColumnType type;
    /** The field names down to this node. */
    List<String> path = List.of();
  }

  /** How much of a value that does not fit an error message shows. */
  private static final int SHOWN_CHARS = 100;

  private final Node root = new Node();
  private final int width;
  private final int[] decoded;
  private final int[] slot;
  private final List<Predicate> checks;
  private final List<String> fields;
  private final String where;

  /**
   * @param where the source and collection, for messages
   * @param requested the table columns to return, in output order
   * @param checks predicates a row must satisfy, checked on the decoded values (their columns are read too)
   */
  MongoRows(String where, MongoSchema schema, int[] requested, List<Predicate> checks) {
    this.where = where;
    this.width = requested.length;
    this.checks = List.copyOf(checks);
    BitSet extra = new BitSet();
    checks.forEach(p -> extra.or(p.columns()));
    Arrays.stream(requested).forEach(extra::clear);
    this.decoded = IntStream.concat(Arrays.stream(requested), extra.stream()).toArray();
    this.slot = new int[schema.columns().size()];
    for (int out = decoded.length - 1; out >= 0; out--) {
      slot[decoded[out]] = out;
    }
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
    }
    this.fields = Arrays.stream(decoded).mapToObj(schema::path).distinct().toList();
  }

  /** The dotted paths of the fields read, for the query's projection. */
  List<String> fields() {
    return fields;
  }

  /** The row of a document, or empty when it fails a check. */
  Optional<Object[]> decode(RawBsonDocument document) {
    Object[] row = new Object[decoded.length];
    try (BsonBinaryReader r = new BsonBinaryReader(document.getByteBuffer().asNIO())) {
      read(r, root, row, document);
    }
    for (Predicate check : checks) {
      if (!check.test(c -> row[slot[c]])) {
        return Optional.empty();
      }
    }
    return Optional.of(row.length == width ? row : Arrays.copyOf(row, width));
  }

  private void read(BsonReader r, Node node, Object[] row, RawBsonDocument document) {
    r.readStartDocument();
    while (r.readBsonType() != BsonType.END_OF_DOCUMENT) {
      Node child = node.children.get(r.readName());
      BsonType type = r.getCurrentBsonType();
      if (child == null) {
        r.skipValue();
      } else if (child.outs.length > 0) {
        Object value = MongoTypes.read(r, type, child.type);
        if (value == MongoTypes.MISMATCH) {
          throw mismatch(document, child.path, child.type.toString());
        }
        for (int out : child.outs) {
          row[out] = value;
        }
      } else if (type == BsonType.DOCUMENT) {
        read(r, child, row, document);
      } else if (type == BsonType.NULL || type == BsonType.UNDEFINED) {
        r.skipValue();
      } else {
        throw mismatch(document, child.path, "an object with the columns below it");
      }
    }
    r.readEndDocument();
  }

  /** The reader may be past the value or inside it: the value is found again in the document. */
  private SourceException mismatch(RawBsonDocument document, List<String> path, String expected) {
    BsonValue value = document;
    for (String name : path) {
      value = value.asDocument().get(name);
    }
    String field = String.join(".", path);
    BsonValue id = document.get("_id");
    String shown = MongoTypes.json(value);
    if (shown.length() > SHOWN_CHARS) {
      shown = shown.substring(0, SHOWN_CHARS) + "...";
    }
    return new SourceException(ErrorCode.DATA_TYPE, where + ", document _id=" + (id == null ? "?" : MongoTypes.json(id))
        + ": field '" + field + "' holds a " + MongoTypes.name(value.getBsonType()) + " value (" + shown
        + ") that does not fit column type " + expected
        + " (set in the catalog or inferred from the sample; raise sample_size if the collection mixes types)");
  }
}
