package io.xsql.tck;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Inserts the dataset into a collection of an in-memory MongoDB server (mongo-java-server, spoken to over
 * the wire protocol like a real one), one document per row, and declares the collection's database as
 * source {@code db}. The server is started by the first {@link #connect} and serves every database of the
 * test class; {@link #close()} stops it.
 */
final class MongoFixture implements SourceFixture {
  private MongoServer server;
  private String uri;

  @Override
  public Connection connect(Dataset data, String table, Path dir) throws SQLException {
    List<BsonDocument> documents = new ArrayList<>();
    for (int i = 0; i < data.rows().size(); i++) {
      documents.add(document(data.names(), data.rows().get(i), i));
    }
    String database = insert(table, documents);
    // BSON has no date without a time and no decimal precision: those columns are pinned, the rest are
    // sampled. _id is hidden, so that the dataset's columns are the table's, in order.
    String pinned = data.columns().stream()
        .filter(c -> c.type().equals("DATE") || c.type().startsWith("DECIMAL"))
        .map(c -> c.name() + ": \"" + c.type() + "\"")
        .collect(Collectors.joining(", "));
    return connect(dir, "db", "database: " + database + ", collections: { " + table + ": { columns: { "
        + pinned + " }, hidden: [_id] } }");
  }

  /** The sample sees only the first document, so the text in the second comes as a surprise to the scan. */
  @Override
  public Optional<Connection> connectBroken(String table, Path dir) throws SQLException {
    String database = insert(table, List.of(
        new BsonDocument("id", new BsonInt32(1)).append("name", new BsonString("x")),
        new BsonDocument("id", new BsonString("abc")).append("name", new BsonString("y"))));
    return Optional.of(connect(dir, table, "database: " + database + ", sample_size: 1"));
  }

  @Override
  public boolean pushesFilters() {
    return true;
  }

  /** Stops the server, if one was started. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.shutdownNow();
      server = null;
    }
  }

  /**
   * A row as a document, fields in column order. A NULL is left out in even rows and stored as BSON null in
   * odd ones: both are how MongoDB data says "no value", and both must read as SQL NULL.
   */
  private static BsonDocument document(List<String> names, Object[] row, int index) {
    BsonDocument d = new BsonDocument();
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null) {
        d.append(names.get(i), bson(row[i]));
      } else if (index % 2 == 1) {
        d.append(names.get(i), BsonNull.VALUE);
      }
    }
    return d;
  }

  /** The BSON type MongoDB users would store each dataset type as; dates and timestamps in UTC. */
  private static BsonValue bson(Object value) {
    if (value instanceof Integer n) {
      return new BsonInt32(n);
    } else if (value instanceof Long n) {
      return new BsonInt64(n);
    } else if (value instanceof Double n) {
      return new BsonDouble(n);
    } else if (value instanceof BigDecimal n) {
      return new BsonDecimal128(new Decimal128(n));
    } else if (value instanceof String s) {
      return new BsonString(s);
    } else if (value instanceof Boolean b) {
      return BsonBoolean.valueOf(b);
    } else if (value instanceof LocalDate d) {
      return new BsonDateTime(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    } else if (value instanceof LocalDateTime t) {
      return new BsonDateTime(t.toInstant(ZoneOffset.UTC).toEpochMilli());
    }
    throw new IllegalArgumentException("no BSON type for " + value.getClass().getName());
  }

  /** Inserts documents into collection {@code table} of a new database; returns the database's name. */
  private String insert(String table, List<BsonDocument> documents) {
    String database = "xsql_tck_" + table + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (MongoClient client = MongoClients.create(uri())) {
      client.getDatabase(database).getCollection(table, BsonDocument.class).insertMany(documents);
    }
    return database;
  }

  private synchronized String uri() {
    if (server == null) {
      server = new MongoServer(new MemoryBackend());
      server.bind("127.0.0.1", 0);
      uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/?serverSelectionTimeoutMS=2000";
    }
    return uri;
  }

  /** Declares source {@code source} in a catalog of its own and connects with it as the default schema. */
  private Connection connect(Path dir, String source, String settings) throws SQLException {
    Path catalog = dir.resolve(source + "-catalog.yaml");
    try {
      Files.writeString(catalog, "sources:\n  " + source + ": { type: mongodb, uri: \"" + uri() + "\", "
          + settings + " }\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + ";schema=" + source);
  }
}
