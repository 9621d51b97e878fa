package io.xsql.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The share of a source table's rows that a condition keeps, from the distinct values the source estimates
 * for its columns ({@link io.xsql.spi.DataTable#distinctValues}): {@code column = value} keeps one of them,
 * {@code column IN (...)} as many as it lists. Calcite guesses 15% for any equality, so that a filter
 * keeping one part type in 150 (TPC-H Q8) looked like one keeping thousands of parts. Other conjuncts keep
 * Calcite's guesses.
 */
public final class XsqlMdSelectivity implements MetadataHandler<BuiltInMetadata.Selectivity> {
  static final XsqlMdSelectivity INSTANCE = new XsqlMdSelectivity();

  private XsqlMdSelectivity() {}

  @Override
  public MetadataDef<BuiltInMetadata.Selectivity> getDef() {
    return BuiltInMetadata.Selectivity.DEF;
  }

  /** The share of the scan's rows the predicate keeps. */
  public @Nullable Double getSelectivity(XsqlTableScan scan, RelMetadataQuery mq, @Nullable RexNode predicate) {
    if (predicate == null || predicate.isAlwaysTrue()) {
      return 1.0;
    }
    double share = 1;
    List<RexNode> rest = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(predicate)) {
      OptionalDouble known = equalityShare(scan, c);
      if (known.isPresent()) {
        share *= known.getAsDouble();
      } else {
        rest.add(c);
      }
    }
    return share * RelMdUtil.guessSelectivity(RexUtil.composeConjunction(scan.getCluster().getRexBuilder(), rest));
  }

  private static OptionalDouble equalityShare(XsqlTableScan scan, RexNode c) {
    if (!(c instanceof RexCall call) || call.getOperands().size() != 2
        || !(call.getOperands().get(0) instanceof RexInputRef ref)) {
      return OptionalDouble.empty();
    }
    RexNode other = call.getOperands().get(1);
    long values;
    if (c.getKind() == SqlKind.EQUALS && other instanceof RexLiteral) {
      values = 1;
    } else if (c.getKind() == SqlKind.SEARCH && other instanceof RexLiteral literal
        && literal.getValueAs(Sarg.class) instanceof Sarg<?> sarg && sarg.isPoints()
        && sarg.nullAs != RexUnknownAs.TRUE) {
      values = sarg.pointCount;
    } else {
      return OptionalDouble.empty();
    }
    OptionalLong distinct = scan.dataTable().distinctValues(scan.columns.get(ref.getIndex()));
    return distinct.isPresent() && distinct.getAsLong() > 0
        ? OptionalDouble.of(Math.min(1, values / (double) distinct.getAsLong())) : OptionalDouble.empty();
  }
}
