package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.hint.RelHint;

/**
 * The join hints: {@code LOOKUP_JOIN(t)}, {@code MERGE_JOIN(t)}, {@code MMAP_JOIN(t)}, {@code HASH_JOIN(t)}
 * force a strategy, {@code FIRST_MATCH(t)} joins each outer row with one inner row at most. {@code t}
 * names the join's inner side (the side looked up, the side a hash table is built on) by table name or
 * alias. A statement's join hints apply to each of its joins that has a side reading exactly that one
 * table. In a self join both sides read the same table: there the driver keeps the alias the hint names on
 * that table's scan ({@link #ALIAS}), so that the hint means that side only.
 */
public final class JoinHints {
  /** The hint that takes only the first matching inner row per outer row. */
  public static final String FIRST_MATCH = "FIRST_MATCH";

  /**
   * The table hint that keeps a table reference's alias on its scan, {@code XSQL_ALIAS(b)}: the driver
   * puts it on each aliased reference to a table the statement reads more than once when a join hint
   * names one of its aliases. Scans with it differ from each other, so the planner never merges them.
   */
  public static final String ALIAS = "XSQL_ALIAS";

  /** The hints Calcite's SQL-to-relational conversion attaches to joins. */
  public static final HintStrategyTable TABLE = table();

  private JoinHints() {}

  private static HintStrategyTable table() {
    HintStrategyTable.Builder b = HintStrategyTable.builder();
    for (JoinStrategy s : JoinStrategy.values()) {
      b.hintStrategy(s.hint(), HintPredicates.JOIN);
    }
    return b.hintStrategy(FIRST_MATCH, HintPredicates.JOIN).hintStrategy(ALIAS, HintPredicates.TABLE_SCAN).build();
  }

  /**
   * What the hints ask of one join.
   *
   * @param strategy the forced strategy, if any
   * @param innerRight whether the hinted table is the join's right input (false: its left input)
   * @param firstMatch whether FIRST_MATCH names the inner side
   */
  record Choice(Optional<JoinStrategy> strategy, boolean innerRight, boolean firstMatch) {
    static final Choice NONE = new Choice(Optional.empty(), true, false);

    boolean isEmpty() {
      return strategy.isEmpty() && !firstMatch;
    }
  }

  /** The error for a join hint that does not name one table or alias. */
  public static SourceException oneOption(String hintName) {
    return new SourceException(ErrorCode.SYNTAX, hintName + " takes one table name or alias, as in " + hintName
        + "(t)");
  }

  /** Whether a hint is one of the join hints. */
  public static boolean isJoinHint(RelHint hint) {
    return hint.hintName.equalsIgnoreCase(FIRST_MATCH) || JoinStrategy.ofHint(hint.hintName).isPresent();
  }

  /** Of the statement's join {@code hints}, what those naming one of {@code join}'s sides ask. */
  static Choice of(Join join, List<RelHint> hints) {
    Side left = Side.of(join.getLeft());
    Side right = Side.of(join.getRight());
    Optional<JoinStrategy> strategy = Optional.empty();
    Optional<Boolean> innerRight = Optional.empty();
    boolean firstMatch = false;
    for (RelHint hint : hints) {
      Optional<Boolean> side = side(hint, left, right);
      if (side.isEmpty()) {
        continue;
      }
      if (innerRight.isPresent() && !innerRight.get().equals(side.get())) {
        throw new SourceException(ErrorCode.SYNTAX, "join hints name both sides of the join of "
            + left + " and " + right + "; name the inner side only");
      }
      innerRight = side;
      if (hint.hintName.equalsIgnoreCase(FIRST_MATCH)) {
        firstMatch = true;
      } else {
        JoinStrategy s = JoinStrategy.ofHint(hint.hintName).orElseThrow();
        if (strategy.isPresent() && strategy.get() != s) {
          throw new SourceException(ErrorCode.SYNTAX, "both " + strategy.get().hint() + " and " + s.hint()
              + " name " + (side.get() ? right : left));
        }
        strategy = Optional.of(s);
      }
    }
    return innerRight.isEmpty() ? Choice.NONE : new Choice(strategy, innerRight.get(), firstMatch);
  }

  /**
   * True if the hint names the right side, false the left, empty neither. Its options are what the driver
   * made of the one the statement gave: a table's name, or in a self join the table's name and the alias.
   */
  private static Optional<Boolean> side(RelHint hint, Side left, Side right) {
    List<String> options = hint.listOptions.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    if (options.isEmpty() || options.size() > 2) {
      throw oneOption(hint.hintName);
    }
    Optional<String> alias = options.size() == 2 ? Optional.of(options.get(1)) : Optional.empty();
    if (right.isNamed(options.get(0), alias)) {
      return Optional.of(true);
    }
    return left.isNamed(options.get(0), alias) ? Optional.of(false) : Optional.empty();
  }

  /**
   * What names a join input, when it reads exactly one table: the table's lower-case name and the alias
   * its scan keeps ({@link #ALIAS}). Hints name tables by alias too: the driver's validator puts each
   * alias's table name in its place before conversion, except in a self join, where it keeps the alias.
   *
   * @param table the table's name, empty when the input reads no table or several
   * @param alias the alias kept on the table's scan
   */
  private record Side(Optional<String> table, Optional<String> alias) {
    static Side of(RelNode input) {
      List<XsqlTableScan> scans = new ArrayList<>();
      new RelVisitor() {
        @Override
        public void visit(RelNode node, int ordinal, RelNode parent) {
          if (node instanceof XsqlTableScan scan) {
            scans.add(scan);
          }
          super.visit(node, ordinal, parent);
        }
      }.go(input);
      Optional<String> table = onlyTable(input).map(t -> t.get(t.size() - 1).toLowerCase(Locale.ROOT));
      Optional<String> alias = table.isEmpty() || scans.size() != 1 ? Optional.empty()
          : scans.get(0).alias().map(a -> a.toLowerCase(Locale.ROOT));
      return new Side(table, alias);
    }

    /**
     * Whether a hint naming {@code name}, with the alias the driver kept, names this side: a side that
     * kept no alias (a database table's, whose scan keeps no hints) is named by its table's name alone.
     */
    boolean isNamed(String name, Optional<String> hintAlias) {
      if (table.filter(name::equals).isEmpty()) {
        return alias.filter(name::equals).isPresent();
      }
      return hintAlias.isEmpty() || alias.isEmpty() || alias.equals(hintAlias);
    }

    @Override
    public String toString() {
      return table.orElse("?") + alias.map(a -> " " + a).orElse("");
    }
  }

  /** The qualified name of the one table an input reads, if it reads exactly one, once. */
  static Optional<List<String>> onlyTable(RelNode input) {
    List<RelOptTable> tables = RelOptUtil.findAllTables(input);
    return tables.size() == 1 ? Optional.of(tables.get(0).getQualifiedName()) : Optional.empty();
  }
}
