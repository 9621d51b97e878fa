package io.xsql.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SchemaSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A MongoDB database as a schema: one table per collection. Nothing touches the network until the engine
 * first asks for the tables; each table samples its documents when its columns are first needed.
 */
final class MongoSource implements SchemaSource {
  private final MongoConfig config;
  private final List<CommandListener> listeners;
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private MongoClient client;
  private Map<String, DataTable> tables;
  private boolean closed;

  MongoSource(MongoConfig config) {
    this(config, List.of());
  }

  /** A source whose client reports every command it sends to the listeners (tests watch the queries). */
  MongoSource(MongoConfig config, List<CommandListener> listeners) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
  }

  MongoConfig config() {
    return config;
  }

  /** The database, through the one client of this source, created on first use. */
  synchronized MongoDatabase database() {
    if (closed) {
      throw new IllegalStateException("source '" + config.source() + "' is closed");
    }
    if (client == null) {
      // Creating the client only starts its monitor threads: it does not wait for the server.
      MongoClientSettings.Builder settings = MongoClientSettings.builder(config.settings());
      listeners.forEach(settings::addCommandListener);
      client = MongoClients.create(settings.build());
    }
    return client.getDatabase(config.database());
  }

  @Override
  public synchronized Map<String, DataTable> tables() {
    if (tables == null) {
      List<String> names = new ArrayList<>();
      try {
        database().listCollectionNames().into(names);
      } catch (MongoException e) {
        throw MongoErrors.translate(config, "listing collections", e);
      }
      Map<String, DataTable> found = new TreeMap<>();
      names.removeIf(name -> name.startsWith("system."));
      names.forEach(name -> found.put(name, new MongoTable(this, name)));
      for (String name : names) {
        config.collection(name).unwind().forEach((path, table) -> {
          if (found.put(table, new MongoTable(this, name, table, Optional.of(MongoUnwind.of(path)))) != null) {
            note("source '" + config.source() + "': table '" + table + "' unwinding '" + name + "." + path
                + "' hides the collection of that name");
          }
        });
      }
      tables = Collections.unmodifiableMap(found);
    }
    return tables;
  }

  @Override
  public Optional<SchemaContract> inferredContract() {
    Map<String, SchemaContract.Table> out = new LinkedHashMap<>();
    tables().forEach((name, table) -> out.put(name, ((MongoTable) table).inferred()));
    return Optional.of(new SchemaContract(out));
  }

  @Override
  public synchronized void refresh() {
    tables = null;
  }

  /** Reports a column typed wider than some of its values, once per sampling. */
  void note(String message) {
    notes.add(message);
  }

  @Override
  public List<String> warnings() {
    return List.copyOf(notes);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
