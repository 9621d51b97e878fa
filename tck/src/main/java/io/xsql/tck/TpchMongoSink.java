package io.xsql.tck;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Loads a MongoDB collection with batches of {@code insertMany}: one document per row, integers as int32,
 * decimals as decimal128 (exact, as the specification's DECIMAL), text as strings, dates as UTC midnight.
 */
final class TpchMongoSink implements TpchSink {
  private static final int BATCH = 5_000;

  private final MongoClient client;
  private final MongoCollection<Document> collection;
  private final List<TpchColumnDef> columns;
  /** The column whose value is the document's {@code _id}: the key when it is one column. */
  private final int idColumn;
  private final List<Document> pending = new ArrayList<>(BATCH);

  TpchMongoSink(MongoClient client, String database, TpchTableDef table) {
    this.client = client;
    this.collection = client.getDatabase(database).getCollection(table.tableName());
    this.columns = table.columns();
    this.idColumn = table.primaryKey().size() == 1
        ? columns.stream().map(TpchColumnDef::name).toList().indexOf(table.primaryKey().get(0)) : -1;
  }

  @Override
  public void accept(Object[] row) {
    Document d = new Document();
    if (idColumn >= 0) {
      // The key is _id, which the catalog names as the key's column.
      d.append("_id", value(row[idColumn]));
    }
    for (int i = 0; i < row.length; i++) {
      if (i != idColumn) {
        d.append(columns.get(i).name(), value(row[i]));
      }
    }
    pending.add(d);
    if (pending.size() == BATCH) {
      flush();
    }
  }

  private static Object value(Object v) {
    if (v instanceof BigDecimal d) {
      return new Decimal128(d);
    }
    if (v instanceof LocalDate d) {
      return Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    return v;
  }

  private void flush() {
    if (!pending.isEmpty()) {
      collection.insertMany(pending);
      pending.clear();
    }
  }

  @Override
  public void close() {
    try (client) {
      flush();
    }
  }
}
