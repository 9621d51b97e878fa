package org.apache.calcite.adapter.jdbc;

import io.xsql.spi.ColumnStatistics;
import io.xsql.spi.PrimaryKey;
import io.xsql.spi.TableMetadata;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A database table as xsql exposes it: Calcite's JDBC table (so that its scans join the source's JDBC
 * convention and whole subtrees become SQL) with xsql's column types, the database's row estimate and
 * keys, its primary key, and what metadata reports of it. It lives in Calcite's package because
 * JdbcTable's constructor is package-private.
 */
public final class XsqlJdbcTable extends JdbcTable {
  private final RelProtoDataType rowType;
  private final Supplier<Statistic> statistic;
  private final Supplier<Optional<PrimaryKey>> primaryKey;
  private final ImmutableBitSet plainColumns;
  private final ColumnStatistics columnStatistics;
  private final TableMetadata metadata;

  /**
   * Creates a table.
   *
   * @param schema Calcite's JDBC schema for the table's database schema (convention, dialect)
   * @param catalog the catalog part of the table's SQL name, if any
   * @param dbSchema the schema part of the table's SQL name, if any
   * @param name the table's name
   * @param type table or view
   * @param rowType the columns and their xsql types
   * @param statistic row count and keys, read when the planner first asks
   * @param primaryKey the primary key, read when first asked
   * @param plainColumns the text and date columns that hold true text and dates in the database (not
   *     uuid, json or intervals read as text), which lookups may compare with bound keys
   * @param columnStatistics the database's estimates of its columns' distinct values
   * @param metadata comments, defaults, indexes and foreign keys, for {@code DatabaseMetaData}
   */
  public XsqlJdbcTable(JdbcSchema schema, @Nullable String catalog, @Nullable String dbSchema, String name,
      Schema.TableType type, RelProtoDataType rowType, Supplier<Statistic> statistic,
      Supplier<Optional<PrimaryKey>> primaryKey, ImmutableBitSet plainColumns,
      ColumnStatistics columnStatistics, TableMetadata metadata) {
    super(schema, catalog, dbSchema, name, type);
    this.rowType = rowType;
    this.statistic = statistic;
    this.primaryKey = primaryKey;
    this.plainColumns = plainColumns;
    this.columnStatistics = columnStatistics;
    this.metadata = metadata;
  }

  /** Whether a text or date column holds true text or dates (see the constructor). */
  public boolean isPlain(int column) {
    return plainColumns.get(column);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType.apply(typeFactory);
  }

  @Override
  public Statistic getStatistic() {
    return statistic.get();
  }

  @Override
  public <C extends Object> @Nullable C unwrap(Class<C> type) {
    if (type == PrimaryKey.class) {
      return type.cast(primaryKey.get().orElse(null));
    }
    if (type == TableMetadata.class) {
      return type.cast(metadata);
    }
    if (type == ColumnStatistics.class) {
      return type.cast(columnStatistics);
    }
    return super.unwrap(type);
  }
}
