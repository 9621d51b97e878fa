package io.xsql.driver;

import io.xsql.spi.NestedSchemas;
import io.xsql.spi.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The schemas {@code DatabaseMetaData} lists, and how it names them: each source's schema by the source's
 * name ({@code main}, {@code crm}), and a database's other schemas as {@code source.schema}
 * ({@code crm.sales}), the name a query uses. A database's default schema is listed once, as the source:
 * its tables are {@code crm.orders}. TABLE_CAT is always NULL.
 */
public final class MetaSchemas {
  /** The columns of {@code getSchemas}. */
  public static final MetaLayout SCHEMAS = MetaLayout.of("TABLE_SCHEM", String.class, "TABLE_CATALOG",
      String.class);

  private MetaSchemas() {}

  /**
   * A schema as metadata lists it.
   *
   * @param name {@code crm} or {@code crm.sales}
   * @param schema the schema
   * @param parts the name's parts, {@code [crm, sales]}
   */
  public record Entry(String name, SchemaPlus schema, List<String> parts) {
    public Entry {
      parts = List.copyOf(parts);
    }
  }

  /** The schemas whose names match, in name order. */
  public static List<Entry> list(SchemaPlus root, MetaPattern pattern) {
    List<Entry> out = new ArrayList<>();
    for (String name : new TreeSet<>(root.subSchemas().getNames(LikePattern.any()))) {
      SchemaPlus source = root.subSchemas().get(name);
      if (source == null) {
        continue;
      }
      if (pattern.matches(name)) {
        out.add(new Entry(name, source, List.of(name)));
      }
      Optional<String> main = defaultSubSchema(source);
      for (String sub : new TreeSet<>(source.subSchemas().getNames(LikePattern.any()))) {
        SchemaPlus nested = source.subSchemas().get(sub);
        if (nested != null && !main.equals(Optional.of(sub)) && pattern.matches(name + "." + sub)) {
          out.add(new Entry(name + "." + sub, nested, List.of(name, sub)));
        }
      }
    }
    return out;
  }

  /**
   * The schema a metadata call names: {@code crm} or {@code crm.sales} (also the default schema by its
   * own name, {@code crm.public}, which queries accept too).
   */
  public static Optional<Entry> find(SchemaPlus root, String name) {
    SchemaPlus s = root;
    List<String> parts = List.of(name.split("\\.", -1));
    for (String part : parts) {
      s = s == null ? null : s.subSchemas().get(part);
    }
    return Optional.ofNullable(s).map(found -> new Entry(name, found, parts));
  }

  /** The sub-schema a source's own tables come from; none if the source cannot say. */
  private static Optional<String> defaultSubSchema(SchemaPlus source) {
    Schema schema = CalciteSchema.from(source).schema;
    if (!(schema instanceof NestedSchemas nested)) {
      return Optional.empty();
    }
    try {
      return nested.defaultSubSchema();
    } catch (SourceException e) {
      // The source is down: its listing gives nothing and a warning, and so does this.
      return Optional.empty();
    }
  }
}
