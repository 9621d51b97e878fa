package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.XsqlRuleConfig;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.stream.Delta;
import org.apache.calcite.rel.stream.LogicalDelta;
import org.apache.calcite.schema.StreamableTable;

/**
 * Plans {@code SELECT STREAM} over relations that read tables besides a stream, taking a table's rows as not
 * changing while the query runs:
 * <ul>
 *   <li>the changes to a relation that reads no stream (a table, a join inside a database) are none: the
 *       Delta becomes an empty relation;
 *   <li>the changes to a join of a stream with such a relation are the stream's changes joined with it:
 *       {@code Delta(s LEFT JOIN t)} is {@code Delta(s) LEFT JOIN t}, so that each event is enriched as it
 *       comes. Inner, left, semi and anti joins with the stream on the left; inner and right joins with it on
 *       the right.
 *   <li>the changes to a join of two streams inside windows are a window join ({@link StreamWindowJoins});
 *       other joins of two streams are refused.
 * </ul>
 * Calcite's own rules match scans of the logical convention only (a database's are made in its own) and
 * turn a join's Delta into a union that, for a left join, also gives every event without its match.
 */
public final class XsqlDeltaRule extends RelRule<XsqlRuleConfig> {

  /** Matches any Delta; {@link #onMatch} looks at what its input was made from. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("XsqlDeltaRule",
      b0 -> b0.operand(Delta.class).anyInputs(), XsqlDeltaRule::new);

  XsqlDeltaRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Delta delta = call.rel(0);
    RelNode input = original(delta.getInput());
    if (!readsStream(input)) {
      call.transformTo(call.builder().values(delta.getRowType()).build());
      return;
    }
    if (!(input instanceof Join join)) {
      return;
    }
    boolean leftStream = readsStream(original(join.getLeft()));
    boolean rightStream = readsStream(original(join.getRight()));
    JoinRelType type = join.getJoinType();
    if (leftStream && rightStream) {
      call.transformTo(StreamWindowJoins.of(join).orElseThrow(() -> refused("joins two streams only inside"
          + " windows, " + StreamWindowJoins.NEEDED + ": other joins of two streams would keep every event")));
      return;
    }
    if (leftStream && List.of(JoinRelType.INNER, JoinRelType.LEFT, JoinRelType.SEMI, JoinRelType.ANTI)
        .contains(type)) {
      call.transformTo(join.copy(join.getTraitSet(), List.of(LogicalDelta.create(join.getLeft()), join.getRight())));
    } else if (rightStream && (type == JoinRelType.INNER || type == JoinRelType.RIGHT)) {
      call.transformTo(join.copy(join.getTraitSet(), List.of(join.getLeft(), LogicalDelta.create(join.getRight()))));
    } else {
      // Nothing else plans a join's Delta (Calcite's rule for it is removed): without this, "not enough rules".
      throw refused("keeps the table's rows in a " + type.lowerName + " join with a stream: each event is "
          + "joined with the table as it comes, so the stream must be the side whose rows the join keeps");
    }
  }

  private static SourceException refused(String why) {
    return new SourceException(ErrorCode.UNSUPPORTED, "SELECT STREAM " + why);
  }

  /** Whether a relation reads a stream table anywhere below it. */
  private static boolean readsStream(RelNode rel) {
    if (rel instanceof TableScan scan) {
      return scan.getTable().unwrap(StreamableTable.class) != null;
    }
    return rel.getInputs().stream().anyMatch(input -> readsStream(original(input)));
  }

  /** The relation a planner's set was made from: the logical form SQL was converted to. */
  static RelNode original(RelNode node) {
    return node instanceof RelSubset s ? Optional.ofNullable(s.getOriginal()).orElse(s.getRelList().get(0)) : node;
  }
}
