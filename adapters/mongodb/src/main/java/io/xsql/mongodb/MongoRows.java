package io.xsql.mongodb;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    TypeKind kind;
    /** The dotted path down to this node: the column's name at a leaf. */
    String path;
  }

  private final Node root = new Node();
  private final int width;
  private final String where;

  /**
   * @param where the source and collection, for messages
   * @param requested the table columns to return, in output order
   */
  MongoRows(String where, MongoSchema schema, int[] requested) {
    this.where = where;
    this.width = requested.length;
    for (int out = 0; out < requested.length; out++) {
      Node node = root;
      for (String name : schema.paths().get(requested[out])) {
        String parent = node == root ? "" : node.path + ".";
        node = node.children.computeIfAbsent(name, n -> new Node());
        node.path = parent + name;
      }
      node.outs = java.util.Arrays.copyOf(node.outs, node.outs.length + 1);
      node.outs[node.outs.length - 1] = out;
      node.kind = schema.columns().get(requested[out]).type().kind();
    }
  }

  /** The projection of the needed paths, as dotted names. */
  static List<String> projection(MongoSchema schema, int[] requested) {
    return java.util.Arrays.stream(requested).mapToObj(i -> String.join(".", schema.paths().get(i))).distinct()
        .toList();
  }

  Object[] decode(RawBsonDocument document) {
    Object[] row = new Object[width];
    try (BsonBinaryReader r = new BsonBinaryReader(document.getByteBuffer().asNIO())) {
      read(r, root, row, document);
    }
    return row;
  }

  private void read(BsonReader r, Node node, Object[] row, RawBsonDocument document) {
    r.readStartDocument();
    while (r.readBsonType() != BsonType.END_OF_DOCUMENT) {
      Node child = node.children.get(r.readName());
      BsonType type = r.getCurrentBsonType();
      if (child == null) {
        r.skipValue();
      } else if (child.outs.length > 0) {
        Object value = MongoTypes.read(r, type, child.kind);
        if (value == MongoTypes.MISMATCH) {
          throw mismatch(document, child.path, type, child.kind.name());
        }
        for (int out : child.outs) {
          row[out] = value;
        }
      } else if (type == BsonType.DOCUMENT) {
        read(r, child, row, document);
      } else if (type == BsonType.NULL || type == BsonType.UNDEFINED) {
        r.skipValue();
      } else {
        throw mismatch(document, child.path, type, "an object with the columns below it");
      }
    }
    r.readEndDocument();
  }

  private SourceException mismatch(RawBsonDocument document, String field, BsonType type, String expected) {
    BsonValue id = document.get("_id");
    return new SourceException(ErrorCode.DATA_TYPE, where + ", document _id=" + (id == null ? "?" : MongoTypes.json(id))
        + ": field '" + field + "' holds a " + MongoTypes.name(type) + " value that does not fit column type "
        + expected + " (inferred from the sample; raise sample_size if the collection mixes types)");
  }
}
