package io.xsql.planner;

import io.xsql.spi.Aggregation;
import io.xsql.spi.TypeKind;
import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;

/**
 * Hands a GROUP BY with COUNT, SUM, MIN and MAX directly over a scan to a table that computes it
 * ({@link io.xsql.spi.DataTable#canAggregate}): the scan then returns the groups. Only plain aggregates
 * (no DISTINCT, FILTER or ordering) whose result type is the one the source returns
 * ({@link Aggregation#resultKind}), and no array among the group columns and arguments.
 */
public final class XsqlAggregatePushRule extends RelRule<XsqlRuleConfig> {

  /** Matches any Aggregate directly over a logical {@link XsqlTableScan}. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("XsqlAggregatePushRule",
      b0 -> b0.operand(Aggregate.class).oneInput(b1 -> b1.operand(XsqlTableScan.class)
          .predicate(XsqlTableScan::isLogical).noInputs()),
      XsqlAggregatePushRule::new);

  XsqlAggregatePushRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    XsqlTableScan scan = call.rel(1);
    if (scan.limit.isPresent() || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return;
    }
    List<Aggregation.Call> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      Aggregation.Function function = function(c);
      if (function == null) {
        return;
      }
      OptionalInt column = c.getArgList().isEmpty() ? OptionalInt.empty()
          : OptionalInt.of(scan.columns.get(c.getArgList().get(0)));
      if (column.isEmpty() && function != Aggregation.Function.COUNT) {
        return;
      }
      TypeKind expected = column.isEmpty() ? TypeKind.BIGINT : Aggregation.resultKind(function,
          scan.dataTable().columns().get(column.getAsInt()).type().kind());
      if (c.getType().getSqlTypeName() != XsqlTypes.sqlTypeName(expected)) {
        return;
      }
      calls.add(new Aggregation.Call(function, column));
    }
    Aggregation aggregation = new Aggregation(
        aggregate.getGroupSet().asList().stream().map(scan.columns::get).toList(), calls);
    boolean arrays = aggregation.groupBy().stream().anyMatch(c -> XsqlTypes.isArray(scan.dataTable(), c))
        || calls.stream().anyMatch(c -> c.column().isPresent()
            && XsqlTypes.isArray(scan.dataTable(), c.column().getAsInt()));
    if (!arrays && scan.dataTable().canAggregate(aggregation)) {
      call.transformTo(scan.withGroups(new ScanGroups(aggregation, aggregate.getRowType())));
    }
  }

  /** The function of a plain call, or null. */
  private static Aggregation.Function function(AggregateCall c) {
    if (c.isDistinct() || c.isApproximate() || c.filterArg >= 0 || !c.collation.getFieldCollations().isEmpty()
        || c.getArgList().size() > 1) {
      return null;
    }
    return switch (c.getAggregation().getKind()) {
      case COUNT -> Aggregation.Function.COUNT;
      case SUM -> Aggregation.Function.SUM;
      case MIN -> Aggregation.Function.MIN;
      case MAX -> Aggregation.Function.MAX;
      default -> null;
    };
  }
}
