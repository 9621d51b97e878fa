package io.xsql.mongodb;

import com.mongodb.MongoException;
import io.xsql.spi.TableIndex;
import io.xsql.spi.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A collection's indexes as {@code DatabaseMetaData.getIndexInfo} reports them, asked of MongoDB
 * ({@code listIndexes}) on first use and kept with the table, which the source makes anew on refresh.
 * Keys are dotted paths, as the table's columns are; {@code _id_} is unique though MongoDB does not say.
 */
final class MongoIndexes implements TableMetadata {
  private final MongoTable table;
  private Optional<List<TableIndex>> indexes = Optional.empty();

  MongoIndexes(MongoTable table) {
    this.table = table;
  }

  @Override
  public synchronized List<TableIndex> indexes() {
    if (indexes.isEmpty()) {
      List<TableIndex> out = new ArrayList<>();
      try {
        for (BsonDocument index : table.collection(BsonDocument.class).listIndexes(BsonDocument.class)) {
          out.add(index(index));
        }
      } catch (MongoException e) {
        throw MongoErrors.translate(table.config(), "listing the indexes of collection '" + table.collection()
            + "'", e);
      }
      indexes = Optional.of(List.copyOf(out));
    }
    return indexes.get();
  }

  private static TableIndex index(BsonDocument index) {
    String name = index.getString("name").getValue();
    BsonDocument key = index.getDocument("key");
    TableIndex.Kind kind = TableIndex.Kind.OTHER;
    List<TableIndex.Column> columns = new ArrayList<>();
    for (String path : key.keySet()) {
      BsonValue direction = key.get(path);
      if (direction.isString() && direction.asString().getValue().equals("hashed")) {
        kind = TableIndex.Kind.HASHED;
      }
      // 1 and -1 order the key; "hashed", "text", "2dsphere" do not.
      columns.add(new TableIndex.Column(path, direction.isNumber()
          ? Optional.of(direction.asNumber().doubleValue() > 0) : Optional.empty()));
    }
    boolean unique = name.equals("_id_") || index.getBoolean("unique", BsonBoolean.FALSE).getValue();
    Optional<String> filter = Optional.ofNullable(index.getDocument("partialFilterExpression", null))
        .map(BsonDocument::toJson);
    return new TableIndex(name, unique, kind, columns, filter);
  }
}
