package io.xsql.driver;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;

/** Calcite's statement preparation with xsql's validator. */
final class XsqlPrepare extends CalcitePrepareImpl {

  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new CalcitePreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(),
        prefer, createCluster(planner, new RexBuilder(typeFactory)), EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      @Override
      protected SqlValidator createSqlValidator(Prepare.CatalogReader reader,
          UnaryOperator<SqlValidator.Config> configTransform) {
        return validator(context, (CalciteCatalogReader) reader, configTransform);
      }
    };
  }

  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    MetadataHandlerProvider handlers = new ProxyingMetadataHandlerProvider(DefaultRelMetadataProvider.INSTANCE);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(handlers));
    return cluster;
  }

  /** The validator Calcite would build, with exact matching of quoted identifiers added. */
  private static SqlValidator validator(Context context, CalciteCatalogReader reader,
      UnaryOperator<SqlValidator.Config> configTransform) {
    CalciteConnectionConfig config = context.config();
    SqlOperatorTable operators = SqlOperatorTables.chain(List.of(
        config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), reader));
    return new XsqlSqlValidator(operators, reader, context.getTypeFactory(), configTransform.apply(
        SqlValidator.Config.DEFAULT
            .withLenientOperatorLookup(config.lenientOperatorLookup())
            .withConformance(config.conformance())
            .withDefaultNullCollation(config.defaultNullCollation())
            .withIdentifierExpansion(true)));
  }
}
