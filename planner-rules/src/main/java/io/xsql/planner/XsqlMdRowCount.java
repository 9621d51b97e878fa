package io.xsql.planner;

import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Row estimates of inner equi-joins from distinct key values: left rows times right rows divided by the
 * larger number of distinct keys on either side (so joining a foreign key to a primary key gives about the
 * foreign key side's rows). Calcite guesses 15% of the cartesian product for any equality, which made a
 * join of two tables in one database look millions of rows large, and the database's own join lose.
 * Semi- and anti-joins keep the share of the left side that has (or lacks) a match. Other joins keep
 * Calcite's estimate.
 */
public final class XsqlMdRowCount implements MetadataHandler<BuiltInMetadata.RowCount> {

  /**
   * Calcite's metadata with these estimates, {@link XsqlMdSelectivity}'s, {@link XsqlMdCollation}'s and
   * {@link XsqlMdDistinctRowCount}'s first.
   */
  public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
      ReflectiveRelMetadataProvider.reflectiveSource(new XsqlMdRowCount(), BuiltInMetadata.RowCount.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(XsqlMdSelectivity.INSTANCE,
          BuiltInMetadata.Selectivity.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(XsqlMdCollation.INSTANCE,
          BuiltInMetadata.Collation.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(XsqlMdDistinctRowCount.INSTANCE,
          BuiltInMetadata.DistinctRowCount.Handler.class),
      DefaultRelMetadataProvider.INSTANCE));

  private XsqlMdRowCount() {}

  @Override
  public MetadataDef<BuiltInMetadata.RowCount> getDef() {
    return BuiltInMetadata.RowCount.DEF;
  }

  /**
   * The estimate for an inner, semi- or anti-join with equality keys; null (Calcite's) otherwise. A semi-join
   * keeps the left rows whose key the right side holds (the share of the left keys there) and, with a
   * residual condition, one of whose key's right rows passes it; an anti-join keeps the others. Calcite takes
   * the anti-join as one minus the semi-join's share of keys, which made {@code NOT EXISTS (... a.k = b.k AND
   * a.x <> b.x)} over a table's own key (TPC-H Q21) look like a single row.
   */
  public @Nullable Double getRowCount(Join join, RelMetadataQuery mq) {
    JoinInfo info = join.analyzeCondition();
    JoinRelType type = join.getJoinType();
    if (info.leftKeys.isEmpty() || type != JoinRelType.INNER && type != JoinRelType.SEMI
        && type != JoinRelType.ANTI) {
      return null;
    }
    Double left = mq.getRowCount(join.getLeft());
    Double right = mq.getRowCount(join.getRight());
    if (left == null || right == null) {
      return null;
    }
    double leftKeys = distinct(mq, join.getLeft(), info.leftSet(), left, join.getRight(), info.rightSet());
    double rightKeys = distinct(mq, join.getRight(), info.rightSet(), right, join.getLeft(), info.leftSet());
    double residual = residualShare(join, info, mq);
    if (type == JoinRelType.INNER) {
      return Math.max(1, left * right / Math.max(1, Math.max(leftKeys, rightKeys)) * residual);
    }
    double perKey = right / Math.max(1, rightKeys);
    double matched = Math.min(1, rightKeys / Math.max(1, leftKeys)) * (1 - Math.pow(1 - residual, perKey));
    return Math.max(1, left * (type == JoinRelType.SEMI ? matched : 1 - matched));
  }

  /** The share of key-matched pairs the rest of the condition keeps (1 with none). */
  private static double residualShare(Join join, JoinInfo info, RelMetadataQuery mq) {
    if (info.isEqui()) {
      return 1;
    }
    Double rest = mq.getSelectivity(join, RexUtil.composeConjunction(join.getCluster().getRexBuilder(),
        info.nonEquiConditions));
    return rest == null ? 1 : rest;
  }

  /**
   * Distinct values of the keys among a side's rows. Unknown: at most the rows of the other side's table
   * when the other side's keys are unique there (a foreign key: customers' nation keys take nation's 25
   * values, filtered nations or not), else as many as the side's rows (a key).
   */
  private static double distinct(RelMetadataQuery mq, RelNode side, ImmutableBitSet keys, double rows,
      RelNode other, ImmutableBitSet otherKeys) {
    Double d = mq.getDistinctRowCount(side, keys, null);
    if (d != null && d > 0) {
      return Math.min(d, rows);
    }
    return Boolean.TRUE.equals(mq.areColumnsUnique(other, otherKeys)) ? Math.min(rows, tableRows(mq, other))
        : rows;
  }

  /** The rows of the table a relation reads through filters and projections, before its filters. */
  static double tableRows(RelMetadataQuery mq, RelNode rel) {
    RelNode r = rel.stripped();
    while (!(r instanceof TableScan) && r.getInputs().size() == 1) {
      r = r.getInput(0).stripped();
    }
    Double rows = mq.getRowCount(r instanceof TableScan ? r : rel);
    return rows == null ? Double.POSITIVE_INFINITY : rows;
  }
}
