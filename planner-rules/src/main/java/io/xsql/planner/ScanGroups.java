package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.Aggregation;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A GROUP BY a scan's table computes (see {@link XsqlAggregatePushRule}).
 *
 * @param aggregation what the table computes
 * @param rowType the row type of the Aggregate it replaces
 */
record ScanGroups(Aggregation aggregation, RelDataType rowType) {
  ScanGroups {
    requireNonNull(aggregation, "aggregation is null");
    requireNonNull(rowType, "rowType is null");
  }
}
