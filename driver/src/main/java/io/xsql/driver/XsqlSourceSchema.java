package io.xsql.driver;

import io.xsql.planner.XsqlTable;
import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.SourceException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.IgnoreCaseLookup;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The schema of a {@link SchemaSource} (MongoDB, an API): its tables, asked of the source on first use, so
 * that connecting never waits for it. A lookup by name fails with the source's error (a query on a source
 * that is down says why); a listing (metadata browsing) gives no tables and a warning on the connection,
 * so that browsing the other sources goes on.
 */
final class XsqlSourceSchema extends AbstractSchema {
  private final String name;
  private final SchemaSource source;
  private final Set<String> warnings = new LinkedHashSet<>();
  private @Nullable Map<String, Table> tables;

  XsqlSourceSchema(String name, SchemaSource source) {
    this.name = name;
    this.source = source;
  }

  @Override
  public Lookup<Table> tables() {
    return new IgnoreCaseLookup<>() {
      @Override
      public @Nullable Table get(String table) {
        return all().get(table);
      }

      @Override
      public @Nullable Named<Table> getIgnoreCase(String table) {
        Map<String, Table> all = all();
        Table exact = all.get(table);
        if (exact != null) {
          return new Named<>(table, exact);
        }
        return all.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(table)).findFirst()
            .map(e -> new Named<>(e.getKey(), e.getValue())).orElse(null);
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        try {
          return all().keySet().stream().filter(pattern.matcher()::apply).collect(Collectors.toSet());
        } catch (SourceException e) {
          synchronized (warnings) {
            warnings.add(e.getMessage());
          }
          return Set.of();
        }
      }
    };
  }

  /** The source's tables, asked once; a failure is asked again next time (the source may be back). */
  private synchronized Map<String, Table> all() {
    if (tables == null) {
      Map<String, Table> out = new LinkedHashMap<>();
      for (Map.Entry<String, DataTable> e : source.tables().entrySet()) {
        out.put(e.getKey(), XsqlTable.of(name + "." + e.getKey(), e.getValue()));
      }
      tables = out;
    }
    return tables;
  }

  /** Listings that failed, for the connection's warnings. */
  List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  @Override
  public boolean isMutable() {
    return false;
  }
}
