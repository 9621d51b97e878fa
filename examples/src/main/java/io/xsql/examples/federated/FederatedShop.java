package io.xsql.examples.federated;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * A small shop spread over five systems, ready for the headline query: customers in MariaDB, orders in
 * PostgreSQL, product reviews in MongoDB, shipments behind a REST API and a price list as a CSV file. It
 * loads the files of {@link ShopSettings#data()} into the databases (a schema and a database of its own,
 * dropped again by {@link #close()}), serves the shipments on a loopback port, starts an in-memory MongoDB
 * when none is named, and writes the catalog that names them all.
 */
public final class FederatedShop implements AutoCloseable {
  private final ShopSettings settings;
  private final Path folder;
  private final List<AutoCloseable> opened;
  private final String catalogText;
  private final ShopApi api;

  private FederatedShop(ShopSettings settings, Path folder, List<AutoCloseable> opened, String catalogText,
      ShopApi api) {
    this.settings = settings;
    this.folder = folder;
    this.opened = opened;
    this.catalogText = catalogText;
    this.api = api;
  }

  /**
   * Loads the shop into the servers the settings name and writes its catalog.
   *
   * @throws ShopException when a server cannot be reached or refuses, saying which and what to do
   */
  public static FederatedShop open(ShopSettings settings) throws ShopException {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Path folder = Files.createTempDirectory("xsql-federated");
      opened.add(() -> delete(folder));
      Map<String, List<Map<String, Object>>> files = ShopFiles.read(settings.data(), folder);
      ShopDatabase.POSTGRES.load(settings, files.get("orders"));
      opened.add(() -> ShopDatabase.POSTGRES.drop(settings));
      ShopDatabase.MARIADB.load(settings, files.get("customers"));
      opened.add(() -> ShopDatabase.MARIADB.drop(settings));
      String mongodb = settings.mongodbUri().orElseGet(() -> {
        MongoServer server = new MongoServer(new MemoryBackend());
        opened.add(server::shutdownNow);
        server.bind("127.0.0.1", 0);
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
      });
      loadReviews(mongodb, settings.name(), files.get("reviews"));
      ShopApi api = ShopApi.start(files.get("shipments"));
      opened.add(api);
      String text = catalog(settings, mongodb, api.url());
      Files.writeString(folder.resolve("catalog.yaml"), text);
      return new FederatedShop(settings, folder, opened, text, api);
    } catch (ShopException | RuntimeException e) {
      closeAll(opened);
      throw e;
    } catch (IOException | SQLException e) {
      closeAll(opened);
      throw new ShopException("cannot set up the shop: " + e.getMessage(), e);
    }
  }

  /** The catalog naming the five sources; open it as {@code jdbc:xsql:catalog=<this path>}. */
  public Path catalog() {
    return folder.resolve("catalog.yaml");
  }

  /** The catalog's text. */
  public String catalogText() {
    return catalogText;
  }

  /** Requests the shipping API has answered so far. */
  public int apiRequests() {
    return api.requests();
  }

  /** The settings the shop was opened with. */
  public ShopSettings settings() {
    return settings;
  }

  private static String catalog(ShopSettings settings, String mongodb, String apiUrl) {
    String name = settings.name();
    return "# The federated shop: five systems, one query. Written by io.xsql.examples.federated.FederatedShop.\n"
        + "sources:\n"
        + "  crm:      # customers, in MariaDB\n"
        + "    { type: mysql, url: \"" + settings.mariadbUrl() + "\", schema: " + name + " }\n"
        + "  sales:    # orders, in PostgreSQL\n"
        + "    { type: postgres, url: \"" + settings.postgresUrl() + "\", schema: " + name + " }\n"
        + "  shop:     # product reviews, in MongoDB\n"
        + "    { type: mongodb, uri: \"" + mongodb + "\", database: " + name + ",\n"
        + "      collections: { reviews: { hidden: [_id] } } }\n"
        + "  shipping: # shipments, from a REST API\n"
        + "    type: rest\n"
        + "    url: \"" + apiUrl + "\"\n"
        + "    tables:\n"
        + "      shipments:\n"
        + "        path: /shipments\n"
        + "        records: /shipments\n"
        + "        paging: { type: page, page_param: page, size_param: per_page, page_size: 10 }\n"
        + "        params: { order_id: { column: order_id, batch: 10 } }   # join keys -> ?order_id=1,2,3\n"
        + "  prices:   # the price list, a CSV file\n"
        + "    { type: csv, path: \"" + settings.data().toAbsolutePath().resolve("prices.csv")
        + "\", columns: { unit_price: \"DECIMAL(10,2)\" } }\n";
  }

  private static void loadReviews(String uri, String database, List<Map<String, Object>> reviews)
      throws ShopException {
    MongoClientSettings client = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
        .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build();
    try (MongoClient mongo = MongoClients.create(client)) {
      var db = mongo.getDatabase(database);
      var collection = db.getCollection("reviews");
      // Dropping a collection that is not there is an error the in-memory server logs loudly.
      if (db.listCollectionNames().into(new ArrayList<>()).contains("reviews")) {
        collection.drop();
      }
      collection.insertMany(reviews.stream().map(r -> new Document(r)).toList());
    } catch (MongoException e) {
      throw new ShopException("MongoDB is not reachable at " + ShopDatabase.hidePassword(uri) + ": "
          + e.getMessage() + ". Leave " + ShopSettings.MONGODB_VARIABLE + " unset to use an in-memory MongoDB,"
          + " or name a running one.", e);
    }
  }

  /** Drops what the shop created and stops its servers. */
  @Override
  public void close() {
    closeAll(opened);
  }

  private static void closeAll(List<AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        // Tidying up after the demo; what is left is the demo's own schema or folder.
      }
    }
    opened.clear();
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The rows of a result, each as column name to value. */
  static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<Map<String, Object>> out = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.put(meta.getColumnLabel(i), rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }
}
