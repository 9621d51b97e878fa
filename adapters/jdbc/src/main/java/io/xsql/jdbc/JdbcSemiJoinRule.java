package io.xsql.jdbc;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * Semi- and anti-joins into the database, which Calcite's join rule refuses although its {@code JdbcJoin}
 * writes them as {@code [NOT] EXISTS}: a decorrelated {@code EXISTS} (TPC-H Q4) then runs as the database's
 * semi-join instead of a join with the inner side's distinct keys.
 */
final class JdbcSemiJoinRule extends JdbcRules.JdbcJoinRule {
  private static final Set<JoinRelType> SEMI_OR_ANTI = EnumSet.of(JoinRelType.SEMI, JoinRelType.ANTI);

  private JdbcSemiJoinRule(Config config) {
    super(config);
  }

  /** The rule for {@code out}, converting the semi- and anti-joins that {@code pushable} admits. */
  static JdbcSemiJoinRule create(JdbcConvention out, Predicate<Join> pushable) {
    Predicate<Join> semi = j -> SEMI_OR_ANTI.contains(j.getJoinType()) && pushable.test(j) && writable(j);
    return Config.INSTANCE
        .withConversion(Join.class, semi, Convention.NONE, out, "JdbcSemiJoinRule")
        .withRuleFactory(JdbcSemiJoinRule::new)
        .toRule(JdbcSemiJoinRule.class);
  }

  /**
   * Whether Calcite writes the join's SQL right: it names the outer side's columns in the {@code EXISTS}
   * unqualified, which the inner side's columns of the same name would capture (a.id = b.id read as
   * b.id = b.id: wrong rows, silently), and nested semi-joins repeat an alias. So: no column name on both
   * sides (case-insensitive), and no join inside either side.
   */
  private static boolean writable(Join join) {
    Set<String> left = new HashSet<>();
    join.getLeft().getRowType().getFieldNames().forEach(n -> left.add(n.toLowerCase(Locale.ROOT)));
    for (String n : join.getRight().getRowType().getFieldNames()) {
      if (left.contains(n.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return !holdsJoin(join.getLeft()) && !holdsJoin(join.getRight());
  }

  /** Whether an input is, or may be planned as, a join (any of the equivalent relations of a planner's set). */
  private static boolean holdsJoin(RelNode input) {
    return holdsJoin(input, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static boolean holdsJoin(RelNode input, Set<RelNode> seen) {
    if (!seen.add(input)) {
      return false;
    }
    List<RelNode> forms = input instanceof RelSubset subset ? subset.getRelList() : List.of(input.stripped());
    for (RelNode form : forms) {
      if (form instanceof Join) {
        return true;
      }
      for (RelNode in : form.getInputs()) {
        if (holdsJoin(in, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public RelNode convert(RelNode rel) {
    return convert((Join) rel, true);
  }
}
