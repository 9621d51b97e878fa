package io.xsql.driver;

import io.xsql.planner.JoinHints;
import io.xsql.planner.XsqlPrograms;
import io.xsql.planner.XsqlRules;
import java.lang.reflect.Type;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.stream.StreamRules;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.CancelFlag;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Calcite's statement preparation with xsql's validator, join hints and join strategies. */
final class XsqlPrepare extends CalcitePrepareImpl {
  private static final MetadataHandlerProvider METADATA = new CachedMetadataHandlers();

  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new CalcitePreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(),
        prefer, createCluster(planner, new RexBuilder(typeFactory)), EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      /** The join hints of the statement, as its validator found them. */
      private final AtomicReference<List<RelHint>> joinHints = new AtomicReference<>(List.of());

      @Override
      protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator, Prepare.CatalogReader reader,
          SqlToRelConverter.Config config) {
        // A list of values stays a filter however long it is, so that sources are sent it (Calcite makes a
        // join of lists past 20 values, which a source that needs the values, a REST parameter, cannot take).
        return super.getSqlToRelConverter(validator, reader, config.withHintStrategyTable(JoinHints.TABLE)
            .withInSubQueryThreshold(Integer.MAX_VALUE));
      }

      @Override
      protected Program getProgram() {
        // Calcite asks for the program before it validates; the hints are read when the program runs.
        return XsqlPrograms.standard(joinStrategies(context), joinHints::get, lookupSwitchKeys(context));
      }

      @Override
      protected SqlValidator createSqlValidator(Prepare.CatalogReader reader,
          UnaryOperator<SqlValidator.Config> configTransform) {
        // Calcite makes more validators than the one that validates the statement; that one reports.
        return validator(context, (CalciteCatalogReader) reader, configTransform, joinHints::set);
      }
    };
  }

  @Override
  protected RelOptPlanner createPlanner(Context prepareContext, org.apache.calcite.plan.@Nullable Context
      externalContext, @Nullable RelOptCostFactory costFactory) {
    // The planners stop between rule calls once this flag goes up (cancel, timeout, planning budget).
    org.apache.calcite.plan.Context cancel = Contexts.of(new CancelFlag(Planning.cancelFlag()));
    RelOptPlanner planner = super.createPlanner(prepareContext, Contexts.chain(
        externalContext == null ? Contexts.of(prepareContext.config()) : externalContext, cancel), costFactory);
    // xsql's merge join replaces Calcite's, which sorts its inputs even when another join needs none, and
    // which loses the outer rows with a NULL key from an anti-join (NOT EXISTS); with xsql's join strategies
    // off (joinStrategies=false), Calcite's hash join runs instead.
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    planner.addRule(XsqlRules.STREAMING_WINDOW);
    // SELECT STREAM reads a stream table's stream through XsqlStreamScanRule; Calcite's rule for it makes a
    // scan no convention runs, and fails on scans that read fewer columns than the table has.
    // A Delta moved below a GROUP BY leaves Calcite's aggregate waiting for the end of a stream that never
    // ends; xsql's windowed aggregate (StreamWindowAggregateRule) takes the Delta over the GROUP BY instead.
    // A join's Delta becomes a union whose second part, for a left join, gives every event again without its
    // match; xsql's XsqlDeltaRule joins the stream's Delta with the table instead.
    planner.getRules().stream().filter(r -> r instanceof StreamRules.DeltaTableScanRule
        || r instanceof StreamRules.DeltaAggregateTransposeRule || r instanceof StreamRules.DeltaJoinTransposeRule)
        .toList().forEach(planner::removeRule);
    return planner;
  }

  private static boolean joinStrategies(Context context) {
    return !(context.config() instanceof XsqlConnectionConfig c) || c.joinStrategies();
  }

  private static OptionalLong lookupSwitchKeys(Context context) {
    return context.config() instanceof XsqlConnectionConfig c ? c.lookupSwitchKeys() : OptionalLong.empty();
  }

  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(METADATA));
    return cluster;
  }

  /** The validator Calcite would build, with exact matching of quoted identifiers added. */
  private static XsqlSqlValidator validator(Context context, CalciteCatalogReader reader,
      UnaryOperator<SqlValidator.Config> configTransform, Consumer<List<RelHint>> joinHints) {
    CalciteConnectionConfig config = context.config();
    SqlOperatorTable operators = SqlOperatorTables.chain(List.of(
        config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), reader));
    return new XsqlSqlValidator(operators, reader, context.getTypeFactory(), configTransform.apply(
        SqlValidator.Config.DEFAULT
            .withLenientOperatorLookup(config.lenientOperatorLookup())
            .withConformance(config.conformance())
            .withDefaultNullCollation(config.defaultNullCollation())
            .withIdentifierExpansion(true)), joinHints);
  }
}
