package io.xsql.planner;

import io.xsql.spi.SortOrder;
import io.xsql.spi.XsqlRuleConfig;
import java.math.BigDecimal;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Lets a scan stop early under a LIMIT: {@code LIMIT n OFFSET m} directly over the scan of a table that
 * can stop reading lets it stop after n + m rows. The LIMIT itself stays in the plan. With an ORDER BY,
 * when the scan already delivers that order, or when the table can return the first rows in that order
 * ({@link io.xsql.spi.DataTable#canSort}, never asked to order by an array; the sort stays in the plan
 * too).
 */
public final class XsqlLimitScanRule extends RelRule<XsqlRuleConfig> {

  /** Matches any Sort (ORDER BY, LIMIT, OFFSET) directly over a logical {@link XsqlTableScan}. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("XsqlLimitScanRule",
      b0 -> b0.operand(Sort.class).oneInput(b1 -> b1.operand(XsqlTableScan.class).predicate(XsqlTableScan::isLogical).noInputs()),
      XsqlLimitScanRule::new);

  XsqlLimitScanRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Sort sort = call.rel(0);
    XsqlTableScan scan = call.rel(1);
    if (scan.limit.isPresent() || !scan.dataTable().canLimit() || !isNumber(sort.fetch)
        || (sort.offset != null && !isNumber(sort.offset))) {
      return;
    }
    RelCollation order = sort.getCollation();
    Optional<SortOrder> limitOrder = Optional.empty();
    if (!order.getFieldCollations().isEmpty() && !scan.getTraitSet().getCollation().satisfies(order)) {
      limitOrder = Optional.of(tableOrder(order, scan));
      if (limitOrder.get().keys().stream().anyMatch(k -> XsqlTypes.isArray(scan.dataTable(), k.column()))
          || !scan.dataTable().canSort(limitOrder.get())) {
        return;
      }
    }
    long rows = value(sort.fetch) + (sort.offset == null ? 0 : value(sort.offset));
    call.transformTo(sort.copy(sort.getTraitSet(), scan.withLimit(rows, limitOrder), order, sort.offset,
        sort.fetch));
  }

  /** The order in table columns, nulls where the engine puts them. */
  private static SortOrder tableOrder(RelCollation order, XsqlTableScan scan) {
    return new SortOrder(order.getFieldCollations().stream().map(f -> {
      RelFieldCollation.NullDirection nulls = f.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
          ? f.direction.defaultNullDirection() : f.nullDirection;
      return new SortOrder.Key(scan.columns.get(f.getFieldIndex()), f.direction.isDescending(),
          nulls == RelFieldCollation.NullDirection.FIRST);
    }).toList());
  }

  private static boolean isNumber(RexNode node) {
    return node instanceof RexLiteral literal && literal.getValueAs(BigDecimal.class) != null;
  }

  private static long value(RexNode node) {
    return ((RexLiteral) node).getValueAs(BigDecimal.class).longValueExact();
  }
}
