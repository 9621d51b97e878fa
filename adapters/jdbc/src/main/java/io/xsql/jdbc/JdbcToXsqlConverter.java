package io.xsql.jdbc;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.LookupSide;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Where a subtree pushed down whole into a database leaves it: runs as Calcite's converter does (one SQL
 * statement, its rows read by generated code), and can also fetch the subtree's rows by key for a lookup
 * join ({@link JdbcLookup}).
 */
public final class JdbcToXsqlConverter extends JdbcToEnumerableConverter implements LookupSide {

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

  /** Calcite's code, with the SQL of semi- and anti-joins written as {@link JdbcExists} writes it. */
  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    RelNode sql = JdbcExists.rewrite(getInput());
    return sql == getInput() ? super.implement(implementor, pref)
        : new JdbcToXsqlConverter(getCluster(), getTraitSet(), sql).implement(implementor, pref);
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
    return JdbcLookup.plan(convention, getInput(), keyFields).map(lookup -> new KeyedRows(lookup.name(),
        lookup, keyFields, all, JdbcTypes.columns(getRowType()), List.of(), false));
  }
}
