package io.xsql.jdbc;

import io.xsql.spi.CachedLookup;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.KeyedRows;
import io.xsql.spi.LookupSide;
import io.xsql.spi.PrunableRead;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.ConstantExpression;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodCallExpression;
import org.apache.calcite.linq4j.tree.Shuttle;
import org.apache.calcite.linq4j.tree.Statement;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a subtree pushed down whole into a database leaves it: runs as Calcite's converter does (one SQL
 * statement, its rows read by generated code), and can also fetch the subtree's rows by key for a lookup
 * join ({@link JdbcLookup}).
 */
public final class JdbcToXsqlConverter extends JdbcToEnumerableConverter implements LookupSide, PrunableRead {
  /** The most rows of a result read whole. */
  private static final int WHOLE_ROWS = 100_000;
  /** The most bytes of a result read whole, by its row estimate and its columns' average sizes. */
  private static final double WHOLE_BYTES = 16 << 20;
  private static final Method STREAMED = Types.lookupMethod(JdbcBinding.class, "streamed", DataContext.class,
      String.class);
  private static final Method WHOLE = Types.lookupMethod(JdbcBinding.class, "whole", DataContext.class,
      String.class);
  private static final Method COPIED = Types.lookupMethod(JdbcBinding.class, "copied", DataContext.class,
      String.class);

  JdbcToXsqlConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, traits, input);
  }

  /**
   * Each row that leaves the database costs as much as a row an operator makes (Calcite's converter
   * charges a tenth): a join of two tables of one database then runs there, returning its result, rather
   * than both tables being read into xsql and joined here.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeCost(mq.getRowCount(getInput()), 0, 0);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new JdbcToXsqlConverter(getCluster(), traitSet, sole(inputs));
  }

  /**
   * Calcite's code, with the SQL written from {@link JdbcSqlForm}, on PostgreSQL its repeated groupings
   * written once (see {@link #shared}), a small aggregated result read whole (see {@link #readsWhole}), and
   * a read of one table through COPY (see {@link #copied}).
   */
  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    RelNode sql = JdbcSqlForm.rewrite(getInput());
    Result result = sql == getInput() ? super.implement(implementor, pref)
        : new JdbcToXsqlConverter(getCluster(), getTraitSet(), sql).implement(implementor, pref);
    Optional<SharedStatement> shared = shared(sql);
    Optional<Method> binding = readsWhole() ? Optional.of(WHOLE) : copied(sql) ? Optional.of(COPIED)
        : Optional.empty();
    if (binding.isEmpty() && shared.isEmpty()) {
      return result;
    }
    // The code asks JdbcBinding.streamed for its data source (the convention's expression): ask another
    // binding. Its statement is a constant: the one with the shared queries replaces it.
    Statement block = result.block.accept(new Shuttle() {
      @Override
      public Expression visit(MethodCallExpression call, @Nullable Expression target, List<Expression> args) {
        return binding.isPresent() && call.method.equals(STREAMED) ? Expressions.call(binding.get(), args)
            : super.visit(call, target, args);
      }

      @Override
      public ConstantExpression visit(ConstantExpression constant) {
        return shared.isPresent() && shared.get().original().equals(constant.value)
            ? Expressions.constant(shared.get().shared()) : super.visit(constant);
      }
    });
    return new Result((BlockStatement) block, result.physType, result.format);
  }

  /**
   * The statement Calcite's code runs for {@code sql} and, on PostgreSQL, the same statement with its
   * repeated derived tables written once ({@link JdbcCommonSubqueries}), if it has any.
   */
  private Optional<SharedStatement> shared(RelNode sql) {
    if (!onPostgres(sql)) {
      return Optional.empty();
    }
    SqlDialect dialect = ((JdbcPushdownConvention) sql.getConvention()).dialect;
    SqlNode statement = new JdbcImplementor(dialect, (JavaTypeFactory) getCluster().getTypeFactory())
        .visitRoot(sql).asStatement();
    String original = statement.toSqlString(dialect).getSql();
    return JdbcCommonSubqueries.hoisted(statement, dialect).map(hoisted -> new SharedStatement(original, hoisted));
  }

  /**
   * Whether the statement is read through COPY: on PostgreSQL, a read of one table (filtered, projected),
   * which PostgreSQL runs with parallel workers through COPY and without them through a cursor (TPC-H Q14's
   * month of lineitem at SF 1, in psql on 2 cores: 0.66 to 0.90 s through COPY, 1.30 s through a cursor).
   * Not a join's or a grouping's: a parallel plan of TPC-H Q18's grouped join took twice as long as its plan
   * through a cursor (see {@link JdbcCopy}).
   */
  private static boolean copied(RelNode sql) {
    return onPostgres(sql) && oneTable(sql);
  }

  private static boolean onPostgres(RelNode sql) {
    return sql.getConvention() instanceof JdbcPushdownConvention convention && convention.kind() == JdbcKind.POSTGRES;
  }

  private static boolean oneTable(RelNode r) {
    return r instanceof TableScan || (r instanceof Filter || r instanceof Project || r instanceof JdbcPreFilter)
        && oneTable(r.getInput(0));
  }

  /** A statement as Calcite writes it, and the same with its repeated groupings written once. */
  private record SharedStatement(String original, String shared) {}

  /** Shows {@code read=[whole]} where the result is read at once (see {@link #readsWhole}). */
  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).itemIf("read", "whole", readsWhole());
  }

  /**
   * Whether the result is read whole: it is estimated at most {@value #WHOLE_ROWS} rows and 16 MiB, and
   * {@link #bounded}. A database can then run the statement as it would for its own client; PostgreSQL, for
   * one, uses no parallel workers for a result read in parts (TPC-H Q10's revenue of 38,000 customers: 0.6 s
   * read whole, 1.1 s in parts). A large result is always read in parts, so memory stays bounded by the
   * fetch size.
   */
  private boolean readsWhole() {
    RelMetadataQuery mq = getCluster().getMetadataQuery();
    Double rows = mq.getRowCount(getInput());
    Double width = mq.getAverageRowSize(getInput());
    return rows != null && rows <= WHOLE_ROWS && (width == null || rows * width <= WHOLE_BYTES)
        && bounded(getInput());
  }

  /**
   * Whether a result's size comes from what it groups or limits rather than from a table's rows: an
   * aggregate's or a limit's (through filters, projections and sorts), a semi- or anti-join's of such a
   * left side, or an inner join's of two (TPC-H Q15: each supplier's revenue joined to the largest).
   */
  private static boolean bounded(RelNode r) {
    if (r instanceof Aggregate || r instanceof Sort sort && sort.fetch != null) {
      return true;
    }
    if (r instanceof Filter || r instanceof Project || r instanceof Sort) {
      return bounded(r.getInput(0));
    }
    if (r instanceof Join join) {
      return switch (join.getJoinType()) {
        case INNER -> bounded(join.getLeft()) && bounded(join.getRight());
        case SEMI, ANTI -> bounded(join.getLeft());
        default -> false;
      };
    }
    return false;
  }

  /**
   * The same statement selecting only {@code fields}: a projection of the subtree's projection, or a new
   * one. Not over an ORDER BY, which a projection around it would make a derived table's, whose order SQL
   * does not keep.
   */
  @Override
  public Optional<RelNode> pruned(ImmutableBitSet fields) {
    RelNode input = getInput();
    if (input instanceof Sort) {
      return Optional.empty();
    }
    RelNode base = input instanceof Project p ? p.getInput() : input;
    List<RexNode> all = input instanceof Project p ? p.getProjects()
        : getCluster().getRexBuilder().identityProjects(input.getRowType());
    List<RexNode> projects = fields.asList().stream().map(all::get).toList();
    List<String> names = fields.asList().stream().map(i -> input.getRowType().getFieldNames().get(i)).toList();
    RelDataType rowType = RexUtil.createStructType(getCluster().getTypeFactory(), projects, names, null);
    return Optional.of(new JdbcToXsqlConverter(getCluster(), getTraitSet(),
        new JdbcRules.JdbcProject(getCluster(), input.getTraitSet(), base, projects, rowType)));
  }

  /**
   * Looks rows up with {@code WHERE key IN (...)} (or {@code = ANY(?)}) around the subtree's SQL, when
   * the subtree has no parameters and every key's type compares in the database at least as loosely as in
   * xsql (see {@link JdbcLookup#plan}).
   */
  @Override
  public Optional<KeyedRows> lookupBy(List<Integer> keyFields) {
    if (!(getInput().getConvention() instanceof JdbcPushdownConvention convention)) {
      return Optional.empty();
    }
    List<Integer> all = IntStream.range(0, getRowType().getFieldCount()).boxed().toList();
    return JdbcLookup.plan(convention, getInput(), keyFields, readsWhole()).map(lookup -> new KeyedRows(lookup.name(),
        cached(convention, lookup), keyFields, all, JdbcTypes.columns(getRowType()), List.of(), false));
  }

  /** The lookup through the source's {@code lookup_cache}, when the catalog gives it one. */
  private static KeyLookup cached(JdbcPushdownConvention convention, JdbcLookup lookup) {
    return convention.source().lookupCache().<KeyLookup>map(c -> new CachedLookup(lookup.name(), lookup, c))
        .orElse(lookup);
  }
}
