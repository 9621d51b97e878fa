package io.xsql.mongodb;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A table with one row per element of an array field, as MongoDB's {@code $unwind} makes it: each row is the
 * document with the array replaced by one element; a document whose field is missing, null or an empty array
 * has no rows, and a value that is not an array counts as an array of one.
 *
 * @param path the array field's names, outermost first
 */
record MongoUnwind(List<String> path) {
  MongoUnwind {
    path = List.copyOf(path);
  }

  /** The unwind of a dotted path. */
  static MongoUnwind of(String dotted) {
    return new MongoUnwind(List.of(dotted.split("\\.")));
  }

  /** The pipeline stage. */
  BsonDocument stage() {
    return new BsonDocument("$unwind", new BsonString("$" + String.join(".", path)));
  }

  /** The rows of one document, made here as the stage would make them on the server (for sampling). */
  List<BsonDocument> apply(BsonDocument document) {
    BsonValue value = document;
    for (String name : path) {
      value = value.isDocument() ? value.asDocument().get(name) : null;
      if (value == null) {
        return List.of();
      }
    }
    if (value.isNull()) {
      return List.of();
    }
    List<BsonValue> elements = value.isArray() ? value.asArray().getValues() : List.of(value);
    List<BsonDocument> rows = new ArrayList<>(elements.size());
    for (BsonValue element : elements) {
      BsonDocument row = document.clone();
      BsonDocument parent = row;
      for (String name : path.subList(0, path.size() - 1)) {
        parent = parent.getDocument(name);
      }
      parent.put(path.get(path.size() - 1), element);
      rows.add(row);
    }
    return rows;
  }

  @Override
  public String toString() {
    return String.join(".", path);
  }
}
