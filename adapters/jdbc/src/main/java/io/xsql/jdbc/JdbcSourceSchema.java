package io.xsql.jdbc;

import io.xsql.spi.NestedSchemas;
import io.xsql.spi.SourceException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.IgnoreCaseLookup;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A database source in Calcite's schema tree: {@code crm.orders} finds a table of the default schema,
 * {@code crm.sales.orders} one of schema {@code sales}. Nothing is read until a query or a metadata call
 * needs it. A query naming a table of a database that cannot be reached fails with its connection error
 * (08001, 28000); a metadata listing skips it with a warning; the catalog's other sources keep working.
 */
final class JdbcSourceSchema extends AbstractSchema implements NestedSchemas {
  private final JdbcSource source;

  JdbcSourceSchema(JdbcSource source) {
    this.source = source;
  }

  JdbcSource source() {
    return source;
  }

  /** The database's default schema, whose tables are also the source's own. */
  @Override
  public Optional<String> defaultSubSchema() {
    return source.overview().defaultNamespace().map(JdbcNamespace::name);
  }

  @Override
  public Lookup<Table> tables() {
    return new TableLookup(source, () -> source.overview().defaultNamespace()
        .map(source::tables).orElse(Map.of()));
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return new IgnoreCaseLookup<Schema>() {
      @Override
      public @Nullable Schema get(String name) {
        JdbcNamespace ns = source.overview().namespaces().get(name);
        return ns == null ? null : new NamespaceSchema(source, ns);
      }

      @Override
      public @Nullable Named<Schema> getIgnoreCase(String name) {
        return find(source.overview().namespaces(), name).map(e -> new Named<Schema>(e.getKey(),
            new NamespaceSchema(source, e.getValue()))).orElse(null);
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        return listing(source, () -> source.overview().namespaces().keySet(), pattern);
      }
    };
  }

  @Override
  public Expression getExpression(@Nullable SchemaPlus parentSchema, String name) {
    return Schemas.subSchemaExpression(parentSchema, name, JdbcSourceSchema.class);
  }

  @Override
  public boolean isMutable() {
    return false;
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return this;
  }

  /**
   * Names for metadata browsing. A database that cannot be listed gives none and a warning on the
   * connection, so that browsing the other sources goes on. (Lookups by name throw instead; the
   * connection's root schema does not cache listings, so an empty one never hides a table.)
   */
  private static Set<String> listing(JdbcSource source, Supplier<Set<String>> names, LikePattern pattern) {
    try {
      return names.get().stream().filter(pattern.matcher()::apply).collect(Collectors.toSet());
    } catch (SourceException e) {
      source.warn(e.getMessage());
      return Set.of();
    }
  }

  /**
   * The entry whose name matches exactly, or else the one that matches ignoring case. Lookups by name
   * must not go through a listing, which swallows a connection failure to keep metadata browsing going.
   */
  private static <T> Optional<Map.Entry<String, T>> find(Map<String, T> all, String name) {
    T exact = all.get(name);
    if (exact != null) {
      return Optional.of(Map.entry(name, exact));
    }
    return all.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst();
  }

  /** One schema of the database. */
  private static final class NamespaceSchema extends AbstractSchema {
    private final JdbcSource source;
    private final JdbcNamespace ns;

    NamespaceSchema(JdbcSource source, JdbcNamespace ns) {
      this.source = source;
      this.ns = ns;
    }

    @Override
    public Lookup<Table> tables() {
      return new TableLookup(source, () -> source.tables(ns));
    }

    @Override
    public boolean isMutable() {
      return false;
    }
  }

  /** Tables by name, from the source's metadata cache. */
  private static final class TableLookup extends IgnoreCaseLookup<Table> {
    private final JdbcSource source;
    private final Supplier<Map<String, Table>> tables;

    TableLookup(JdbcSource source, Supplier<Map<String, Table>> tables) {
      this.source = source;
      this.tables = tables;
    }

    @Override
    public @Nullable Table get(String name) {
      return tables.get().get(name);
    }

    @Override
    public @Nullable Named<Table> getIgnoreCase(String name) {
      Map<String, Table> all = tables.get();
      return find(all, name).map(t -> new Named<>(t.getKey(), t.getValue())).orElse(null);
    }

    @Override
    public Set<String> getNames(LikePattern pattern) {
      return listing(source, () -> tables.get().keySet(), pattern);
    }
  }
}
