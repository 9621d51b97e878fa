package io.xsql.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.List;
import java.util.OptionalLong;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection as a table. Its columns come from the first {@code sample_size} documents, read when the
 * engine first asks for them; a scan is a {@code find} projecting only the requested columns. No filter or
 * limit is pushed down yet: the engine applies them.
 */
final class MongoTable implements DataTable {
  private static final Logger LOG = LoggerFactory.getLogger(MongoTable.class);

  private final MongoSource source;
  private final String name;
  private MongoSchema schema;
  private OptionalLong rowCount;

  MongoTable(MongoSource source, String name) {
    this.source = source;
    this.name = name;
  }

  /** The source and collection, for messages. */
  String where() {
    return "source '" + source.config().source() + "', collection '" + name + "'";
  }

  synchronized MongoSchema schema() {
    if (schema == null) {
      MongoSchema.Sampler sampler = new MongoSchema.Sampler(source.config().flattenDepth());
      try {
        for (BsonDocument document : collection(BsonDocument.class).find().limit(source.config().sampleSize())) {
          sampler.add(document);
        }
      } catch (MongoException e) {
        throw MongoErrors.translate(source.config(), "sampling collection '" + name + "'", e);
      }
      schema = sampler.schema(where(), source::note);
    }
    return schema;
  }

  <T> MongoCollection<T> collection(Class<T> documentClass) {
    return source.database().getCollection(name, documentClass);
  }

  @Override
  public List<Column> columns() {
    return schema().columns();
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    MongoSchema s = schema();
    int[] requested = request.columnArray();
    return new MongoCursor(this, collection(RawBsonDocument.class), MongoRows.projection(s, requested),
        new MongoRows(where(), s, requested), request.context());
  }

  MongoConfig config() {
    return source.config();
  }

  String name() {
    return name;
  }

  /** The collection's document count from its metadata (not a count of the documents), asked once. */
  @Override
  public synchronized OptionalLong estimatedRowCount() {
    if (rowCount == null) {
      try {
        rowCount = OptionalLong.of(collection(BsonDocument.class).estimatedDocumentCount());
      } catch (MongoException e) {
        // Only an estimate: the query itself reports the failure if the server is really unreachable.
        LOG.debug("{}: no document count: {}", where(), e.toString());
        return OptionalLong.empty();
      }
    }
    return rowCount;
  }

  @Override
  public String describe() {
    return "collection " + source.config().database() + "." + name;
  }
}
