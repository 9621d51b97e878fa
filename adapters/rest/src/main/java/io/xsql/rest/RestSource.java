package io.xsql.rest;

import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SchemaSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP JSON API as a schema: one table per catalog entry under {@code tables:}. Nothing touches the
 * network until a table's columns or rows are needed.
 */
final class RestSource implements SchemaSource {
  private final RestConfig config;
  private final RestHttp http;
  private final Map<String, DataTable> tables;
  private final List<String> notes = new CopyOnWriteArrayList<>();

  RestSource(RestConfig config) {
    this.config = config;
    this.http = RestHttp.of(config);
    Map<String, DataTable> t = new LinkedHashMap<>();
    config.tables().forEach((name, table) -> t.put(name, new RestTable(this, table)));
    this.tables = Collections.unmodifiableMap(t);
  }

  RestConfig config() {
    return config;
  }

  RestHttp http() {
    return http;
  }

  @Override
  public Map<String, DataTable> tables() {
    return tables;
  }

  @Override
  public Optional<SchemaContract> inferredContract() {
    Map<String, SchemaContract.Table> out = new LinkedHashMap<>();
    tables.forEach((name, table) -> out.put(name, ((RestTable) table).inferred()));
    return Optional.of(new SchemaContract(out));
  }

  void note(String message) {
    notes.add(message);
  }

  @Override
  public List<String> warnings() {
    return List.copyOf(notes);
  }

  @Override
  public void close() {
    // The JDK's client holds no resources that outlive its idle connections.
  }
}
