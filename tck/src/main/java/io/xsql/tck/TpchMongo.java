package io.xsql.tck;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * A MongoDB database holding some of the TPC-H tables, one collection each, with a marker collection written
 * last. The server is the caller's (an in-process mongo-java-server in the tck and the benchmark): an
 * in-memory server starts empty, so the tables are loaded again on every start.
 *
 * <p>Each row is a document whose {@code _id} is the table's key when the key is one column, renamed in the
 * catalog to the key's column (so that lookups by the key use {@code _id}'s index); other tables hide
 * {@code _id}.
 */
final class TpchMongo implements TpchTarget {
  private static final String MARKER_COLLECTION = "tpch_fixture";

  private final String uri;
  private final String database;
  private final List<TpchTableDef> tables;

  /**
   * @param uri the server's connection string, without a database ({@code mongodb://127.0.0.1:27017})
   * @param database the database holding the tables
   */
  TpchMongo(String uri, String database, List<TpchTableDef> tables) {
    this.uri = uri;
    this.database = database;
    this.tables = List.copyOf(tables);
  }

  /** The catalog entry of a source reading this database: the column types pinned, {@code _id} the key. */
  String catalogEntry() {
    return "{ type: mongodb, uri: \"" + uri + "\", database: " + database + ", collections: { "
        + tables.stream().map(t -> t.tableName() + ": { columns: " + t.catalogColumns() + ", "
            + (t.primaryKey().size() == 1 ? "rename: { _id: " + t.primaryKey().get(0) + " }" : "hidden: [_id]")
            + " }").collect(Collectors.joining(", ")) + " } }";
  }

  MongoClient connect() {
    return MongoClients.create(uri);
  }

  @Override
  public String describe() {
    return "MongoDB database " + database;
  }

  @Override
  public List<TpchTableDef> tables() {
    return tables;
  }

  @Override
  public boolean holds(String marker) {
    try (MongoClient c = connect()) {
      Optional<Document> m = Optional.ofNullable(c.getDatabase(database).getCollection(MARKER_COLLECTION)
          .find().first());
      return m.map(d -> marker.equals(d.getString("description"))).orElse(false);
    }
  }

  @Override
  public void prepare() {
    drop();
  }

  @Override
  public TpchSink sink(TpchTableDef table) {
    return new TpchMongoSink(connect(), database, table);
  }

  @Override
  public void finish(String marker) {
    try (MongoClient c = connect()) {
      MongoCollection<Document> m = c.getDatabase(database).getCollection(MARKER_COLLECTION);
      m.replaceOne(new Document("_id", 1), new Document("_id", 1).append("description", marker),
          new ReplaceOptions().upsert(true));
    }
  }

  @Override
  public void drop() {
    try (MongoClient c = connect()) {
      c.getDatabase(database).drop();
    }
  }
}
