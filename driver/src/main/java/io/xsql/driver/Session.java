package io.xsql.driver;

import io.xsql.planner.XsqlTable;
import io.xsql.spi.CalciteSchemaSource;
import io.xsql.spi.Catalog;
import io.xsql.spi.CatalogException;
import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.Source;
import io.xsql.spi.TableSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection holds: the sources its catalog opened, the tables registered on it, and its
 * running queries. Public only for the JDBC classes Calcite's package visibility forces into
 * {@code org.apache.calcite.jdbc}; not an API.
 */
public final class Session implements AutoCloseable {
  /** The default schema, holding file sources and registered tables. */
  public static final String MAIN = "main";

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final Map<String, Source> sources = new LinkedHashMap<>();
  /** The catalog's type of each source, for {@code xsql.sources}. */
  private final Map<String, String> types = new HashMap<>();
  /** The schemas of the sources that are {@link SchemaSource}s, for their listings' warnings. */
  private final Map<String, XsqlSourceSchema> schemas = new HashMap<>();
  private final Set<String> registered = new HashSet<>();
  /** Names in the default schema, lower-cased: names match case-insensitively, so two may not differ only in case. */
  private final Set<String> names = new HashSet<>();
  private final QueryHistory history = new QueryHistory();
  private final QueryRegistry queries = new QueryRegistry(history);
  private SchemaPlus root;
  private SchemaPlus main;

  /**
   * Reads the catalog the settings name and opens its sources into the root schema.
   *
   * @throws SQLException naming the catalog file, line and key when the catalog is bad
   */
  public void open(Properties settings, SchemaPlus root) throws SQLException {
    try {
      Catalog catalog = ConnectionSettings.catalog(settings)
          .map(path -> Catalog.read(path, System::getenv)).orElse(Catalog.empty());
      Optional<Set<String>> only = ConnectionSettings.sources(settings);
      if (only.isPresent()) {
        catalog = only(catalog, only.get());
      }
      history.capacity(ConnectionSettings.queryHistory(settings));
      open(catalog, root);
    } catch (RuntimeException e) {
      throw XsqlErrors.translate(e);
    }
  }

  /**
   * The catalog with only the named sources, for connections limited to some of them.
   *
   * @throws SQLException 42000 naming a source the catalog does not have
   */
  private static Catalog only(Catalog catalog, Set<String> names) throws SQLException {
    Set<String> missing = new TreeSet<>(names);
    catalog.sources().forEach(e -> missing.remove(e.name()));
    if (!missing.isEmpty()) {
      throw new SQLException("the setting '" + ConnectionSettings.SOURCES + "' names sources the catalog "
          + catalog.file() + " does not have: " + missing, "42000");
    }
    return catalog.only(e -> names.contains(e.name()));
  }

  /** Opens the catalog's sources into the root schema; on failure, closes what it opened. */
  private void open(Catalog catalog, SchemaPlus root) {
    this.root = root;
    main = root.add(MAIN, new AbstractSchema());
    root.add(SystemSchema.NAME, new SystemSchema(this, history));
    names.add(SystemSchema.NAME);
    try {
      for (Catalog.Entry entry : catalog.sources()) {
        if (entry.name().equalsIgnoreCase(SystemSchema.NAME)) {
          throw new CatalogException(entry.options().location(), "source '" + entry.name()
              + "': the name is taken by xsql's system schema; choose another");
        }
        if (!names.add(entry.name().toLowerCase(Locale.ROOT))) {
          throw new CatalogException(entry.options().location(), "source '" + entry.name()
              + "' differs from another source only in case; names match case-insensitively");
        }
      }
      List<Source> opened = SourceOpening.open(catalog.sources());
      for (int i = 0; i < opened.size(); i++) {
        sources.put(catalog.sources().get(i).name(), opened.get(i));
        types.put(catalog.sources().get(i).name(), catalog.sources().get(i).type());
      }
      for (Catalog.Entry entry : catalog.sources()) {
        Source source = sources.get(entry.name());
        if (source instanceof TableSource t) {
          main.add(entry.name(), XsqlTable.of(entry.name(), t.table()));
        } else {
          if (entry.name().equalsIgnoreCase(MAIN)) {
            throw new CatalogException(entry.options().location(), "source '" + entry.name()
                + "': the name is taken by the default schema; choose another");
          }
          addSchema(entry.name(), source);
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Adds the schema of a source that is one (a database's, or one holding tables such as MongoDB's). */
  private void addSchema(String name, Source source) {
    if (source instanceof CalciteSchemaSource s) {
      root.add(name, s.schema());
    } else if (source instanceof SchemaSource s) {
      XsqlSourceSchema schema = new XsqlSourceSchema(name, s);
      schemas.put(name, schema);
      root.add(name, schema);
    }
  }

  /** What the sources report (a type widened by sampling, a database that cannot be listed), oldest first. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    sources.forEach((name, source) -> {
      source.warnings().forEach(w -> out.add("source '" + name + "': " + w));
      Optional.ofNullable(schemas.get(name)).ifPresent(s -> s.warnings().forEach(w -> out.add("source '" + name
          + "': " + w)));
    });
    return out;
  }

  /**
   * Makes a source read its metadata again (tables, columns, keys, row counts) on next use.
   *
   * @throws SQLException 42000 if the catalog has no source of that name
   */
  public void refresh(String name) throws SQLException {
    Source source = sources.get(name);
    if (source == null) {
      throw new SQLException("the catalog has no source named '" + name + "'; it has " + sources.keySet(),
          "42000");
    }
    if (source instanceof CalciteSchemaSource s) {
      s.refresh();
    } else if (source instanceof SchemaSource s) {
      s.refresh();
    } else {
      return;
    }
    // A new schema object, so that Calcite's own caches of the old one go too.
    addSchema(name, source);
  }

  /**
   * The columns of a schemaless source's tables as inferred now from fresh samples; empty for a source whose
   * tables declare their types.
   *
   * @throws SQLException 42000 if the catalog has no source of that name
   */
  public Optional<SchemaContract> inferSchema(String name) throws SQLException {
    Source source = sources.get(name);
    if (source == null) {
      throw new SQLException("the catalog has no source named '" + name + "'; it has " + sources.keySet(),
          "42000");
    }
    return source instanceof SchemaSource s ? s.inferredContract() : Optional.empty();
  }

  /**
   * A source as the catalog opened it.
   *
   * @param name its name
   * @param type its catalog type
   * @param source the source
   */
  record Opened(String name, String type, Source source) {}

  /** The sources opened, in catalog order. */
  List<Opened> opened() {
    return sources.entrySet().stream().map(e -> new Opened(e.getKey(), types.get(e.getKey()), e.getValue()))
        .toList();
  }

  /** What {@link #tables} hands each table to. */
  interface TableVisitor {
    void visit(String source, String schema, String name, Table table);
  }

  /**
   * Visits every table of the sources, under the schema names metadata uses ({@link MetaSchemas}: files and
   * registered tables in {@code main}, a database's default schema under the source's name, its other
   * schemas as {@code crm.sales}); a source that cannot be listed (a database down) is left out, its status
   * in {@code xsql.sources} saying why.
   */
  void tables(TableVisitor visitor) {
    for (MetaSchemas.Entry schema : MetaSchemas.list(root, MetaPattern.of("%"))) {
      String first = schema.parts().get(0);
      if (first.equals(SystemSchema.NAME)) {
        continue;
      }
      try {
        for (String name : new TreeSet<>(schema.schema().getTableNames())) {
          Table t = schema.schema().getTable(name);
          if (t != null) {
            String source = !first.equals(MAIN) ? first : sources.containsKey(name) ? name : "(registered)";
            visitor.visit(source, schema.name(), name, t);
          }
        }
      } catch (RuntimeException e) {
        LOG.debug("Listing {} for the system schema failed", schema.name(), e);
      }
    }
  }

  /** The running executions of this connection's statements. */
  public QueryRegistry queries() {
    return queries;
  }

  /** Adds a table to the default schema. */
  public void register(String name, DataTable table) throws SQLException {
    if (!names.add(name.toLowerCase(Locale.ROOT))) {
      throw new SQLException("a table named '" + name + "' already exists (names match case-insensitively)",
          "42S01");
    }
    main.add(name, XsqlTable.of(name, table));
    registered.add(name);
  }

  /** Removes a registered table. */
  public boolean unregister(String name) {
    if (!registered.remove(name)) {
      return false;
    }
    names.remove(name.toLowerCase(Locale.ROOT));
    main.removeTable(name);
    return true;
  }

  @Override
  public void close() {
    queries.close();
    for (Source s : sources.values()) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing a source failed", e);
      }
    }
    sources.clear();
  }
}
