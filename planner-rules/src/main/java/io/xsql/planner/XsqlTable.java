package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.DataTable;
import io.xsql.spi.TableMetadata;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import io.xsql.spi.SourceException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A source's {@link DataTable} as Calcite sees it. It plans as an {@link XsqlTableScan} in the enumerable
 * convention, never through Calcite's Bindable interpreter.
 *
 * <p>The statistic deliberately carries no collation: Calcite would attach a table's collation to scans
 * without remapping it through their projection. The scan computes its own and answers collation metadata
 * through {@link #unwrap}.
 *
 * <p>A table that is also a stream is an {@link XsqlStreamTable}; {@link #of} makes the right one.
 */
public sealed class XsqlTable extends AbstractTable implements TranslatableTable permits XsqlStreamTable {
  private final String name;
  private final DataTable table;
  /** The data version whose order was last checked; empty before the first check. */
  private Optional<Object> orderChecked = Optional.empty();

  /**
   * Wraps a table.
   *
   * @param name the name messages use for the table's source
   * @param table the table
   */
  public XsqlTable(String name, DataTable table) {
    this.name = requireNonNull(name, "name is null");
    this.table = requireNonNull(table, "table is null");
  }

  /**
   * Wraps a table, as an {@link XsqlStreamTable} if it has a {@link DataTable#stream()} view.
   *
   * @param name the name messages use for the table's source
   * @param table the table
   */
  public static XsqlTable of(String name, DataTable table) {
    return table.stream().<XsqlTable>map(stream -> new XsqlStreamTable(name, table, stream))
        .orElseGet(() -> new XsqlTable(name, table));
  }

  /** The name messages use. */
  public String name() {
    return name;
  }

  /** The wrapped table. */
  public DataTable table() {
    return table;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return XsqlTypes.rowType(typeFactory, table.columns());
  }

  @Override
  public Statistic getStatistic() {
    var rows = table.estimatedRowCount();
    return rows.isPresent() ? Statistics.of(rows.getAsLong(), List.of(), List.of()) : Statistics.UNKNOWN;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return XsqlTableScan.create(context.getCluster(), relOptTable, this, context.getTableHints());
  }

  /**
   * Fails unless every row of the table is in its declared order. Runs before a scan that relies on the
   * order returns a row; the check reads the sort keys of the whole table, once per data version (every
   * time for tables that cannot tell their version), unless the table knows that version to be in order
   * from an earlier check ({@link DataTable#orderKnown}).
   */
  synchronized void checkOrder(ScanContext context) {
    SortOrder order = table.sortOrder().orElseThrow();
    Optional<Object> version = table.version();
    if (version.isPresent() && (version.equals(orderChecked) || table.orderKnown(version.get()))) {
      orderChecked = version;
      return;
    }
    List<Integer> keys = order.keys().stream().map(SortOrder.Key::column).toList();
    try (RowCursor cursor = table.scan(ScanRequest.of(keys, context))) {
      Object[] previous = null;
      while (cursor.next()) {
        Object[] row = cursor.current();
        if (previous != null) {
          for (int i = 0; i < keys.size(); i++) {
            int c = order.keys().get(i).compare(previous[i], row[i]);
            if (c < 0) {
              break;
            }
            if (c > 0) {
              String at = cursor.position().isEmpty() ? "" : cursor.position() + ": ";
              throw new SourceException(ErrorCode.DATA_ORDER, at + "rows are not in the declared order "
                  + "(sorted_by: " + describe(order) + "): " + row[i] + " follows " + previous[i]);
            }
          }
        }
        previous = row;
      }
    }
    orderChecked = version;
    version.ifPresent(table::orderConfirmed);
  }

  private String describe(SortOrder order) {
    return order.keys().stream().map(k -> table.columns().get(k.column()).name() + (k.descending() ? " desc" : ""))
        .collect(Collectors.joining(", "));
  }

  @Override
  public final <C> C unwrap(Class<C> type) {
    if (type == BuiltInMetadata.Collation.Handler.class) {
      return type.cast(XsqlTableScan.COLLATION_HANDLER);
    }
    if (type == TableMetadata.class) {
      return type.cast(table.metadata());
    }
    return super.unwrap(type);
  }
}
