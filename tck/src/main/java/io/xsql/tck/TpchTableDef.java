package io.xsql.tck;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.util.List;
import java.util.Locale;

/** The eight TPC-H tables: their columns, as the fixture types them, and their primary keys. */
public enum TpchTableDef {
  /** About 6,000,000 rows per scale factor. */
  LINEITEM(TpchTable.LINE_ITEM, "l_orderkey", "l_linenumber"),
  /** 1,500,000 rows per scale factor. */
  ORDERS(TpchTable.ORDERS, "o_orderkey"),
  /** 150,000 rows per scale factor. */
  CUSTOMER(TpchTable.CUSTOMER, "c_custkey"),
  /** 25 rows. */
  NATION(TpchTable.NATION, "n_nationkey"),
  /** 5 rows. */
  REGION(TpchTable.REGION, "r_regionkey"),
  /** 200,000 rows per scale factor. */
  PART(TpchTable.PART, "p_partkey"),
  /** 800,000 rows per scale factor. */
  PARTSUPP(TpchTable.PART_SUPPLIER, "ps_partkey", "ps_suppkey"),
  /** 10,000 rows per scale factor. */
  SUPPLIER(TpchTable.SUPPLIER, "s_suppkey");

  private final TpchTable<?> generator;
  private final List<TpchColumnDef> columns;
  private final List<String> primaryKey;

  TpchTableDef(TpchTable<?> generator, String... primaryKey) {
    this.generator = generator;
    this.columns = columns(generator);
    this.primaryKey = List.of(primaryKey);
  }

  private static <E extends TpchEntity> List<TpchColumnDef> columns(TpchTable<E> table) {
    return table.getColumns().stream().map(TpchTableDef::column).toList();
  }

  private static TpchColumnDef column(TpchColumn<?> c) {
    TpchType type = TpchType.of(c.getType());
    int length = type == TpchType.VARCHAR ? Math.toIntExact(c.getType().getPrecision().orElseThrow()) : 0;
    return new TpchColumnDef(c.getColumnName(), type, length);
  }

  /** The table's name in lower case, as the specification's queries write it ({@code lineitem}). */
  public String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The columns in the specification's order. */
  public List<TpchColumnDef> columns() {
    return columns;
  }

  /** The specification's primary key. */
  public List<String> primaryKey() {
    return primaryKey;
  }

  /** The CREATE TABLE statement for PostgreSQL and MariaDB, without the key (added after loading). */
  public String createTable() {
    return "CREATE TABLE " + tableName() + " ("
        + String.join(", ", columns.stream().map(TpchColumnDef::sqlDeclaration).toList()) + ")";
  }

  /**
   * The column types as a file's or a collection's {@code columns:} entry pins them, one YAML flow map; types
   * quoted, as {@code DECIMAL(15,2)} holds a comma.
   */
  public String catalogColumns() {
    return "{ " + String.join(", ", columns.stream().map(c -> c.name() + ": \"" + c.type().catalogType() + "\"")
        .toList()) + " }";
  }

  /** The ALTER TABLE statement that adds the primary key. */
  public String addPrimaryKey() {
    return "ALTER TABLE " + tableName() + " ADD PRIMARY KEY (" + String.join(", ", primaryKey) + ")";
  }

  TpchTable<?> generator() {
    return generator;
  }
}
