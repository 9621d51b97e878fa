package io.xsql.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import io.xsql.spi.OnDrift;
import io.xsql.spi.OnError;
import io.xsql.spi.Options;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SourceConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A MongoDB source's settings, read and checked in one place.
 *
 * @param source the source name
 * @param connection the parsed connection string (holds the password: never print it)
 * @param address the connection string without credentials or options, for messages and EXPLAIN
 * @param database the database whose collections are the tables
 * @param sampleSize how many documents of each collection are read to infer its columns
 * @param flattenDepth how many levels of nested documents become {@code parent.child} columns
 * @param collections what the catalog says about single collections, by name
 * @param contract the columns promised by the {@code schema:} file, if any: its tables are not sampled
 * @param onError what to do with a value that does not fit its column
 * @param onDrift what to do with a value of a kind the contract does not list
 */
record MongoConfig(String source, ConnectionString connection, String address, String database, int sampleSize,
    int flattenDepth, Map<String, MongoCollectionConfig> collections, Optional<SchemaContract> contract,
    OnError onError, OnDrift onDrift) {

  /** How long a query waits for a server when the URI does not say: the driver's 30 s would hang each query. */
  static final int DEFAULT_TIMEOUT_MS = 5_000;

  private static final Set<String> KEYS = Set.of("type", "uri", "database", "sample_size", "flatten_depth",
      "collections", "schema", "on_error", "on_drift");

  MongoConfig {
    requireNonNull(source, "source is null");
    requireNonNull(connection, "connection is null");
    collections = Map.copyOf(collections);
    requireNonNull(contract, "contract is null");
    requireNonNull(onError, "onError is null");
    requireNonNull(onDrift, "onDrift is null");
  }

  static MongoConfig parse(SourceConfig config) {
    Options o = config.options();
    o.allowOnly(KEYS);
    ConnectionString connection;
    try {
      connection = new ConnectionString(o.requireString("uri"));
    } catch (IllegalArgumentException e) {
      // Neither the URI nor the driver's message is shown, nor the cause chained: both may hold the password.
      throw o.error("uri", "is not a valid MongoDB connection string (mongodb://host:port/...)");
    }
    String database = o.string("database").orElse(connection.getDatabase());
    if (database == null || database.isBlank()) {
      throw o.error("database", "is required (or name the database in the uri's path)");
    }
    int sampleSize = o.integer("sample_size", 1000, 1);
    int flattenDepth = o.integer("flatten_depth", 3, 0);
    Map<String, MongoCollectionConfig> collections = new LinkedHashMap<>();
    o.child("collections").ifPresent(c -> {
      for (String name : c.keys()) {
        collections.put(name, MongoCollectionConfig.parse(c.child(name).orElseThrow()));
      }
    });
    Optional<SchemaContract> contract = o.file("schema").map(SchemaContract::read);
    contract.ifPresent(c -> c.tables().forEach((table, t) -> t.columns().forEach(column -> column.kinds()
        .forEach(kind -> MongoTypes.bsonType(kind).orElseThrow(() -> o.error("schema", "table '" + table
            + "', column '" + column.name() + "': unknown kind '" + kind + "'; expected MongoDB $type names"
            + " such as string, int, long, double, decimal, bool, date, objectId, object, array"))))));
    return new MongoConfig(config.name(), connection, address(connection), database, sampleSize, flattenDepth,
        collections, contract, o.choice("on_error", OnError.class, OnError.FAIL),
        o.choice("on_drift", OnDrift.class, OnDrift.WARN));
  }

  /** What the catalog says about a collection; nothing for most. */
  MongoCollectionConfig collection(String name) {
    return collections.getOrDefault(name, MongoCollectionConfig.DEFAULT);
  }

  /** The client's settings: the URI's, with short timeouts where the URI sets none. */
  MongoClientSettings settings() {
    MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(connection);
    if (connection.getServerSelectionTimeout() == null) {
      b.applyToClusterSettings(c -> c.serverSelectionTimeout(DEFAULT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }
    if (connection.getConnectTimeout() == null) {
      b.applyToSocketSettings(s -> s.connectTimeout(DEFAULT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }
    return b.build();
  }

  private static String address(ConnectionString connection) {
    boolean srv = connection.getConnectionString().startsWith("mongodb+srv:");
    return (srv ? "mongodb+srv://" : "mongodb://") + String.join(",", connection.getHosts());
  }

  @Override
  public String toString() {
    return "MongoConfig[source=" + source + ", address=" + address + ", database=" + database + "]";
  }
}
