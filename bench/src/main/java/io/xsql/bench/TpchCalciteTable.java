package io.xsql.bench;

import io.xsql.tck.TpchColumnDef;
import io.xsql.tck.TpchTableDef;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFactory;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A TPC-H table that plain Calcite, the TPC-H section's peer, has no adapter for here, as a Java user writes
 * it: read whole on each scan (no filter or projection pushed), typed as the fixture types it. Used for the
 * CSV and JSON Lines files (calcite-core reads neither; the main suite's {@link CalciteEngine} reads its JSON
 * Lines the same way) and for the MongoDB collection (see {@link TpchCalciteModel} on Calcite's own MongoDB
 * adapter). Named in a Calcite model by {@link Factory}.
 */
final class TpchCalciteTable extends AbstractTable implements ScannableTable {
  private final List<TpchColumnDef> columns;
  private final Supplier<List<Object[]>> rows;

  TpchCalciteTable(TpchTableDef table, Supplier<List<Object[]>> rows) {
    this.columns = table.columns();
    this.rows = rows;
  }

  /**
   * Builds the table a model names: operand {@code table} (the TPC-H name), and {@code path} (a {@code .csv}
   * or {@code .jsonl} file) or {@code uri} and {@code database} (a MongoDB collection named after the table).
   */
  public static final class Factory implements TableFactory<TpchCalciteTable> {
    @Override
    public TpchCalciteTable create(SchemaPlus schema, String name, Map<String, Object> operand,
        RelDataType rowType) {
      TpchTableDef table = TpchTableDef.valueOf(((String) operand.get("table")).toUpperCase(Locale.ROOT));
      if (operand.get("path") instanceof String path) {
        Path file = Path.of(path);
        return new TpchCalciteTable(table, () -> path.endsWith(".csv") ? TpchCalciteRows.csv(file, table)
            : TpchCalciteRows.jsonl(file, table));
      }
      String uri = (String) operand.get("uri");
      String database = (String) operand.get("database");
      return new TpchCalciteTable(table, () -> TpchCalciteRows.mongo(uri, database, table));
    }
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (TpchColumnDef c : columns) {
      b.add(c.name(), switch (c.type()) {
        case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
        case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, 15, 2);
        case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR, c.length());
        case DATE -> factory.createSqlType(SqlTypeName.DATE);
      });
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return Linq4j.enumerator(rows.get());
      }
    };
  }
}
