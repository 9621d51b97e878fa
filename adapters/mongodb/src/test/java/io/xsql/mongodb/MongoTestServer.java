package io.xsql.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** A real MongoDB wire-protocol server in memory on a free loopback port, and a client to fill it. */
final class MongoTestServer implements AutoCloseable {
  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final InetSocketAddress address;
  private final MongoClient client;

  MongoTestServer() {
    address = server.bind(); // localhost, a free port
    client = MongoClients.create(uri());
  }

  /** A connection string to the server, with a short server selection timeout. */
  String uri() {
    return "mongodb://localhost:" + address.getPort() + "/?serverSelectionTimeoutMS=2000";
  }

  MongoDatabase database(String name) {
    return client.getDatabase(name);
  }

  /** Stops the server as a crash would: open connections are cut. */
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Override
  public void close() {
    stop();
  }
}
