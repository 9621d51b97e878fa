package io.xsql.driver;

import io.xsql.spi.ColumnMetadata;
import io.xsql.spi.SourceException;
import io.xsql.spi.TableMetadata;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.Wrapper;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The rows of {@code getTables} and {@code getColumns}: every table of the schemas {@link MetaSchemas}
 * lists, with what its source says of it ({@link TableMetadata}: comments, defaults), and columns typed
 * as {@link MetaTypes} describes them.
 */
public final class MetaTables {
  /** The columns of {@code getTables}. */
  public static final MetaLayout TABLES = MetaLayout.of("TABLE_CAT", String.class, "TABLE_SCHEM", String.class,
      "TABLE_NAME", String.class, "TABLE_TYPE", String.class, "REMARKS", String.class, "TYPE_CAT", String.class,
      "TYPE_SCHEM", String.class, "TYPE_NAME", String.class, "SELF_REFERENCING_COL_NAME", String.class,
      "REF_GENERATION", String.class);

  /** The columns of {@code getColumns}. */
  public static final MetaLayout COLUMNS = MetaLayout.of("TABLE_CAT", String.class, "TABLE_SCHEM", String.class,
      "TABLE_NAME", String.class, "COLUMN_NAME", String.class, "DATA_TYPE", int.class, "TYPE_NAME", String.class,
      "COLUMN_SIZE", Integer.class, "BUFFER_LENGTH", Integer.class, "DECIMAL_DIGITS", Integer.class,
      "NUM_PREC_RADIX", Integer.class, "NULLABLE", int.class, "REMARKS", String.class, "COLUMN_DEF", String.class,
      "SQL_DATA_TYPE", Integer.class, "SQL_DATETIME_SUB", Integer.class, "CHAR_OCTET_LENGTH", Integer.class,
      "ORDINAL_POSITION", int.class, "IS_NULLABLE", String.class, "SCOPE_CATALOG", String.class,
      "SCOPE_SCHEMA", String.class, "SCOPE_TABLE", String.class, "SOURCE_DATA_TYPE", Short.class,
      "IS_AUTOINCREMENT", String.class, "IS_GENERATEDCOLUMN", String.class);

  /** The metadata of a table whose source says nothing more. */
  private static final TableMetadata NONE = new TableMetadata() { };

  private final SchemaPlus root;
  private final RelDataTypeFactory types;

  /** Metadata over a connection's root schema. */
  public MetaTables(SchemaPlus root, RelDataTypeFactory types) {
    this.root = root;
    this.types = types;
  }

  /**
   * A table as metadata lists it.
   *
   * @param schema its schema
   * @param name its name
   * @param table the table
   */
  public record Entry(MetaSchemas.Entry schema, String name, Table table) {
    /** What its source says of it beyond its columns; nothing if the source cannot be reached now. */
    public TableMetadata metadata() {
      try {
        TableMetadata m = table instanceof Wrapper w ? w.unwrap(TableMetadata.class) : null;
        return m == null ? NONE : m;
      } catch (SourceException e) {
        return NONE;
      }
    }
  }

  /** The tables whose schema and name match and whose type is listed (NULL types: every type). */
  public List<Entry> tables(MetaPattern schemaPattern, MetaPattern tablePattern, Optional<List<String>> types) {
    List<Entry> out = new ArrayList<>();
    for (MetaSchemas.Entry s : MetaSchemas.list(root, schemaPattern)) {
      for (String name : new TreeSet<>(s.schema().tables().getNames(LikePattern.any()))) {
        Table t = tablePattern.matches(name) ? s.schema().tables().get(name) : null;
        if (t != null && types.map(l -> l.contains(t.getJdbcTableType().jdbcName)).orElse(true)) {
          out.add(new Entry(s, name, t));
        }
      }
    }
    return out;
  }

  /** The row of {@code getTables} for a table. */
  public static Object[] tableRow(Entry t) {
    return new Object[] {null, t.schema().name(), t.name(), t.table().getJdbcTableType().jdbcName,
        read(() -> t.metadata().remarks(), Optional.<String>empty()).orElse(null), null, null, null, null, null};
  }

  /** The rows of {@code getColumns} for a table's columns whose names match. */
  public List<Object[]> columnRows(Entry t, MetaPattern columnPattern) {
    List<Object[]> out = new ArrayList<>();
    TableMetadata metadata = t.metadata();
    for (RelDataTypeField f : t.table().getRowType(types).getFieldList()) {
      if (columnPattern.matches(f.getName())) {
        out.add(columnRow(t, f, read(() -> metadata.column(f.getName()), Optional.empty())));
      }
    }
    return out;
  }

  /** A source's answer; {@code nothing}, as for a listing, when the source cannot be reached now. */
  static <T> T read(Supplier<T> reading, T nothing) {
    try {
      return reading.get();
    } catch (SourceException e) {
      return nothing;
    }
  }

  private static Object[] columnRow(Entry t, RelDataTypeField f, Optional<ColumnMetadata> c) {
    RelDataType type = f.getType();
    boolean nullable = type.isNullable();
    return new Object[] {null, t.schema().name(), t.name(), f.getName(), MetaTypes.jdbcType(type),
        MetaTypes.name(type), MetaTypes.size(type).orElse(null), null, MetaTypes.digits(type).orElse(null), 10,
        nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        c.flatMap(ColumnMetadata::remarks).orElse(null), c.flatMap(ColumnMetadata::defaultValue).orElse(null),
        null, null, MetaTypes.octetLength(type).orElse(null), f.getIndex() + 1, nullable ? "YES" : "NO",
        null, null, null, null, c.map(ColumnMetadata::autoIncrement).orElse(false) ? "YES" : "NO",
        c.map(ColumnMetadata::generated).orElse(false) ? "YES" : "NO"};
  }
}
