package io.xsql.driver;

import io.xsql.planner.JoinHints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTableRef;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Lets join hints name a table by its alias ({@code /}{@code *+ LOOKUP_JOIN(o) *}{@code /} for
 * {@code orders o}): the planner sees tables, not aliases, so each alias in a hint's options becomes the
 * name of the table it stands for. A table the statement reads more than once (a self join) would make
 * such a hint name every side reading it; there the hint names the table and the alias, and each aliased
 * reference to the table gets the table hint {@link JoinHints#ALIAS}, which its scan keeps, so that the
 * hint names that side only (a scan that keeps no hints, a database table's, is named by the table).
 */
final class HintAliases {
  private HintAliases() {}

  /**
   * Rewrites the hints of every SELECT in the statement, in place, and returns the join hints among them.
   * The planner takes them from here: a block's hints reach only the joins written in its FROM clause,
   * not those that IN and EXISTS subqueries become later.
   */
  static List<RelHint> resolve(SqlNode statement) {
    // A hint may name a table of a subquery; an alias of the hint's own block wins over one elsewhere.
    List<SqlNode> everywhere = new ArrayList<>();
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          references(select.getFrom(), everywhere);
        }
        return super.visit(call);
      }
    });
    Map<String, Integer> reads = new HashMap<>();
    everywhere.forEach(r -> reads.merge(table(r), 1, Integer::sum));
    // The tables whose references keep their aliases.
    Set<String> kept = new HashSet<>();
    List<RelHint> joinHints = new ArrayList<>();
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.hasHints()) {
          List<SqlNode> block = new ArrayList<>(everywhere);
          if (select.getFrom() != null) {
            references(select.getFrom(), block);
          }
          Map<String, String> aliases = new HashMap<>();
          block.stream().filter(r -> r.getKind() == SqlKind.AS).forEach(r -> aliases.put(alias(r), table(r)));
          select.setHints(rewrite(select.getHints(), aliases, reads, kept));
          for (SqlNode node : select.getHints()) {
            SqlHint hint = (SqlHint) node;
            RelHint rel = RelHint.builder(hint.getName()).hintOptions(hint.getOptionList()).build();
            if (JoinHints.isJoinHint(rel)) {
              joinHints.add(rel);
            }
          }
        }
        return super.visit(call);
      }
    });
    for (SqlNode reference : everywhere) {
      if (reference.getKind() == SqlKind.AS && kept.contains(table(reference))) {
        SqlCall as = (SqlCall) reference;
        SqlParserPos pos = as.getParserPosition();
        as.setOperand(0, new SqlTableRef(pos, as.operand(0), SqlNodeList.of(new SqlHint(pos,
            new SqlIdentifier(JoinHints.ALIAS, pos), SqlNodeList.of(as.operand(1)),
            SqlHint.HintOptionFormat.ID_LIST))));
      }
    }
    return joinHints;
  }

  /** The references to tables in a FROM clause: table names and aliased table names ({@code t AS a}). */
  private static void references(SqlNode from, List<SqlNode> out) {
    if (from instanceof SqlJoin join) {
      references(join.getLeft(), out);
      references(join.getRight(), out);
    } else if (from instanceof SqlIdentifier
        || from.getKind() == SqlKind.AS && ((SqlCall) from).operand(0) instanceof SqlIdentifier) {
      out.add(from);
    }
  }

  /** The lower-case name of the table a reference reads. */
  private static String table(SqlNode reference) {
    SqlIdentifier name = reference instanceof SqlIdentifier id ? id : ((SqlCall) reference).operand(0);
    return name.names.get(name.names.size() - 1).toLowerCase(Locale.ROOT);
  }

  private static String alias(SqlNode aliased) {
    return ((SqlIdentifier) ((SqlCall) aliased).operand(1)).getSimple().toLowerCase(Locale.ROOT);
  }

  /**
   * The hints with each alias replaced by its table's name, followed by the alias when the statement reads
   * that table more than once: such tables are added to {@code kept}.
   */
  private static SqlNodeList rewrite(SqlNodeList hints, Map<String, String> aliases, Map<String, Integer> reads,
      Set<String> kept) {
    SqlNodeList out = new SqlNodeList(hints.getParserPosition());
    for (SqlNode node : hints) {
      SqlHint hint = (SqlHint) node;
      SqlNodeList given = (SqlNodeList) hint.getOperandList().get(1);
      SqlNodeList options = new SqlNodeList(given.getParserPosition());
      if (JoinHints.isJoinHint(RelHint.builder(hint.getName()).build()) && given.size() != 1) {
        throw JoinHints.oneOption(hint.getName());
      }
      for (SqlNode option : given) {
        String name = option instanceof SqlIdentifier id && id.isSimple() ? id.getSimple().toLowerCase(Locale.ROOT)
            : "";
        String table = aliases.get(name);
        if (table == null) {
          options.add(option);
          continue;
        }
        options.add(new SqlIdentifier(List.of(table), option.getParserPosition()));
        if (reads.get(table) > 1) {
          kept.add(table);
          options.add(option);
        }
      }
      out.add(new SqlHint(hint.getParserPosition(), (SqlIdentifier) hint.getOperandList().get(0), options,
          hint.getOptionFormat()));
    }
    return out;
  }
}
