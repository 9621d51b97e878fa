package io.xsql.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Publishes the dataset to a JetStream stream of its own on the machine's NATS server, one JSON object per
 * message (as a JSON Lines file holds them), and declares the stream as a {@code nats} source with the
 * dataset's columns; the streams are deleted by {@link #close()}.
 */
final class NatsFixture implements SourceFixture {
  private StreamBrokers brokers;

  @Override
  public Connection connect(Dataset data, String table, Path dir) throws SQLException {
    String columns = data.columns().stream().map(c -> c.name() + ": \"" + c.type() + "\"")
        .collect(Collectors.joining(", "));
    return connect(table, dir, FileFixture.jsonLines(data.names(), data.rows()), columns);
  }

  @Override
  public Optional<Connection> connectBroken(String table, Path dir) throws SQLException {
    String messages = FileFixture.jsonLines(List.of("id", "name"), List.of(new Object[] {1, "fine"},
        new Object[] {"abc", "broken"}));
    return Optional.of(connect(table, dir, messages, "id: INTEGER, name: VARCHAR"));
  }

  @Override
  public boolean pushesFilters() {
    return false;
  }

  @Override
  public synchronized void close() {
    if (brokers != null) {
      try {
        brokers.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private Connection connect(String table, Path dir, String messages, String columns) throws SQLException {
    String stream = publish(messages);
    Path catalog = dir.resolve(table + "-catalog.yaml");
    try {
      Files.writeString(catalog, "sources:\n  " + table + ": { type: nats, url: \"" + StreamBrokers.NATS_URL
          + "\", stream: " + stream + ", columns: { " + columns + " } }\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  /** Publishes each line to a new stream; returns the stream's name. */
  private synchronized String publish(String lines) {
    try {
      if (brokers == null) {
        brokers = new StreamBrokers();
      }
      String stream = brokers.stream();
      for (String message : lines.split("\n")) {
        brokers.publish(stream, "row", message);
      }
      return stream;
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to the NATS server at " + StreamBrokers.NATS_URL, e);
    }
  }
}
