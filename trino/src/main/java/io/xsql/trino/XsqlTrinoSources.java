package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import io.trino.spi.TrinoException;
import io.trino.spi.connector.SchemaTableName;
import io.xsql.spi.CalciteSchemaSource;
import io.xsql.spi.Catalog;
import io.xsql.spi.CatalogException;
import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.Source;
import io.xsql.spi.SourceException;
import io.xsql.spi.SourceFactories;
import io.xsql.spi.TableSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources of the xsql catalog a Trino catalog names, opened on first use on each node, through the same
 * catalog reader and source factories as the driver. Schemas and tables are named as embedded xsql names
 * them: a file or in-process source is a table named after the source in the schema {@code main}, a
 * MongoDB or REST source a schema named after the source. Trino spells names in lower case, so they match
 * case-insensitively.
 */
public final class XsqlTrinoSources implements AutoCloseable {
  /** The schema of single-table sources, as in embedded xsql. */
  static final String MAIN = "main";
  private static final Logger LOG = LoggerFactory.getLogger(XsqlTrinoSources.class);

  private final XsqlTrinoConfig config;
  private Opened opened;

  /** The opened catalog: sources by name, and the names of those this connector does not serve. */
  private record Opened(Map<String, Source> sources, Map<String, String> databases) {}

  /** Sources of the catalog the configuration names, opened when first asked for. */
  public XsqlTrinoSources(XsqlTrinoConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** The configuration, for split sizes. */
  XsqlTrinoConfig config() {
    return config;
  }

  /** The schema names, in lower case. */
  List<String> schemaNames() {
    Opened o = opened();
    List<String> out = new ArrayList<>();
    if (o.sources().values().stream().anyMatch(TableSource.class::isInstance)) {
      out.add(MAIN);
    }
    o.sources().forEach((name, source) -> {
      if (source instanceof SchemaSource) {
        out.add(name.toLowerCase(Locale.ROOT));
      }
    });
    return out;
  }

  /** The tables of a schema, by lower-case name, or of all schemas when none is given. */
  Map<SchemaTableName, DataTable> tables(Optional<String> schema) {
    Map<SchemaTableName, DataTable> out = new LinkedHashMap<>();
    opened().sources().forEach((name, source) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (source instanceof TableSource t && schema.map(MAIN::equals).orElse(true)) {
        out.put(new SchemaTableName(MAIN, lower), t.table());
      } else if (source instanceof SchemaSource s && schema.map(lower::equals).orElse(true)) {
        read(name, s::tables).forEach((table, data) -> out.put(new SchemaTableName(lower, table), data));
      }
    });
    return out;
  }

  /** A table by its Trino name, if there is one. */
  Optional<DataTable> table(SchemaTableName name) {
    String database = opened().databases().get(name.getSchemaName());
    if (database != null) {
      throw new TrinoException(XsqlTrinoErrorCode.XSQL_NOT_SUPPORTED, "source '" + database
          + "' is a database, which the xsql connector does not serve: read it with Trino's own connector "
          + "(xsql export --trino writes its catalog file)");
    }
    return Optional.ofNullable(tables(Optional.of(name.getSchemaName())).get(name));
  }

  /** A table a handle names, which must still be there (the catalog is read once per node). */
  DataTable existing(SchemaTableName name) {
    return table(name).orElseThrow(() -> new TrinoException(XsqlTrinoErrorCode.XSQL_SOURCE_ERROR,
        "table " + name + " is not in this node's xsql catalog " + config.catalog()));
  }

  /** The source a table belongs to: the table itself in {@code main}, else its schema. */
  static String sourceOf(SchemaTableName name) {
    return name.getSchemaName().equals(MAIN) ? name.getTableName() : name.getSchemaName();
  }

  /** Runs a read of a source, turning its failure into a Trino error that names the source. */
  static <T> T read(String source, Supplier<T> read) {
    try {
      return read.get();
    } catch (SourceException e) {
      throw new TrinoException(XsqlTrinoErrorCode.XSQL_SOURCE_ERROR, "source '" + source + "': "
          + e.getMessage(), e);
    }
  }

  private synchronized Opened opened() {
    if (opened == null) {
      opened = open();
    }
    return opened;
  }

  private Opened open() {
    Catalog catalog;
    try {
      catalog = Catalog.read(config.catalog(), System::getenv);
    } catch (CatalogException e) {
      throw new TrinoException(XsqlTrinoErrorCode.XSQL_CATALOG_ERROR, e.getMessage(), e);
    }
    Map<String, Source> sources = new LinkedHashMap<>();
    Map<String, String> databases = new LinkedHashMap<>();
    try {
      for (Catalog.Entry entry : catalog.sources()) {
        Source source = SourceFactories.open(entry);
        if (source instanceof CalciteSchemaSource) {
          LOG.warn("source '{}' ({}) is a database, which the xsql connector does not serve", entry.name(),
              entry.type());
          databases.put(entry.name().toLowerCase(Locale.ROOT), entry.name());
          source.close();
        } else {
          sources.put(entry.name(), source);
        }
      }
    } catch (SourceException e) {
      // Invalid settings, or a source that failed to open: the message names it, as the driver's does.
      sources.values().forEach(Source::close);
      throw new TrinoException(XsqlTrinoErrorCode.XSQL_CATALOG_ERROR, e.getMessage(), e);
    }
    return new Opened(Collections.unmodifiableMap(sources), Map.copyOf(databases));
  }

  @Override
  public synchronized void close() {
    if (opened != null) {
      opened.sources().values().forEach(Source::close);
      opened = null;
    }
  }
}
