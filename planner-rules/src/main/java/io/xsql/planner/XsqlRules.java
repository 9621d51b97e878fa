package io.xsql.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** The rules xsql adds to Calcite's planner. Scans register them when they first appear in a plan. */
public final class XsqlRules {
  private XsqlRules() {}

  /** Asks scans for only the columns a query uses. */
  public static final RelOptRule PROJECT_SCAN = XsqlProjectScanRule.CONFIG.toRule();

  /** Hands filters to the scans of tables that can evaluate them. */
  public static final RelOptRule FILTER_SCAN = XsqlFilterScanRule.CONFIG.toRule();

  /** Reads no column for aggregates that use none ({@code COUNT(*)}). */
  public static final RelOptRule AGGREGATE_SCAN = XsqlAggregateScanRule.CONFIG.toRule();

  /** Hands GROUP BYs to tables that compute them. */
  public static final RelOptRule AGGREGATE_PUSH = XsqlAggregatePushRule.CONFIG.toRule();

  /** Lets scans stop early under a LIMIT. */
  public static final RelOptRule LIMIT_SCAN = XsqlLimitScanRule.CONFIG.toRule();

  /** Turns logical scans into the enumerable ones that run. */
  public static final RelOptRule TO_ENUMERABLE = XsqlToEnumerableRule.CONFIG.toRule();

  /** Offers a streaming window over sorted input beside Calcite's window operator. */
  public static final RelOptRule STREAMING_WINDOW = StreamingWindowRule.CONFIG.toRule();

  /**
   * Reads a stream table's stream for {@code SELECT STREAM}, once Calcite's default stream rules brought the
   * statement's Delta down to the scan (through projections, filters, sorts).
   */
  public static final RelOptRule STREAM_SCAN = XsqlStreamScanRule.CONFIG.toRule();

  /**
   * Plans {@code SELECT STREAM} over tables that are no streams (a database's too): their changes are none,
   * and a stream joined with one is the stream's changes joined with it.
   */
  public static final RelOptRule DELTA = XsqlDeltaRule.CONFIG.toRule();

  /** Places TUMBLE and HOP windows on a stream's rows as they come, for {@code SELECT STREAM}. */
  public static final RelOptRule STREAM_WINDOW = StreamWindowRule.CONFIG.toRule();

  /** Runs a GROUP BY over a stream's windows, emitting each window when the watermark passes its end. */
  public static final RelOptRule STREAM_WINDOW_AGGREGATE = StreamWindowAggregateRule.CONFIG.toRule();

  /** The pushdown rules. */
  public static final List<RelOptRule> RULES =
      List.of(PROJECT_SCAN, FILTER_SCAN, AGGREGATE_SCAN, AGGREGATE_PUSH, LIMIT_SCAN);
}
