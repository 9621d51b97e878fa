package io.xsql.driver;

import io.xsql.planner.JoinHints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Lets join hints name a table by its alias ({@code /}{@code *+ LOOKUP_JOIN(o) *}{@code /} for
 * {@code orders o}): the planner sees tables, not aliases, so each alias in a hint's options becomes the
 * name of the table it stands for.
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
    Map<String, String> everywhere = new HashMap<>();
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          collect(select.getFrom(), everywhere);
        }
        return super.visit(call);
      }
    });
    List<RelHint> joinHints = new ArrayList<>();
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.hasHints()) {
          Map<String, String> aliases = new HashMap<>(everywhere);
          if (select.getFrom() != null) {
            collect(select.getFrom(), aliases);
          }
          select.setHints(rewrite(select.getHints(), aliases));
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
    return joinHints;
  }

  private static void collect(SqlNode from, Map<String, String> aliases) {
    if (from instanceof SqlJoin join) {
      collect(join.getLeft(), aliases);
      collect(join.getRight(), aliases);
    } else if (from.getKind() == SqlKind.AS && ((SqlCall) from).operand(0) instanceof SqlIdentifier table) {
      SqlIdentifier alias = ((SqlCall) from).operand(1);
      aliases.put(alias.getSimple().toLowerCase(Locale.ROOT), last(table));
    }
  }

  private static String last(SqlIdentifier name) {
    return name.names.get(name.names.size() - 1);
  }

  private static SqlNodeList rewrite(SqlNodeList hints, Map<String, String> aliases) {
    SqlNodeList out = new SqlNodeList(hints.getParserPosition());
    for (SqlNode node : hints) {
      SqlHint hint = (SqlHint) node;
      SqlNodeList given = (SqlNodeList) hint.getOperandList().get(1);
      SqlNodeList options = new SqlNodeList(given.getParserPosition());
      for (SqlNode option : given) {
        if (option instanceof SqlIdentifier id && id.isSimple()
            && aliases.containsKey(id.getSimple().toLowerCase(Locale.ROOT))) {
          options.add(new SqlIdentifier(List.of(aliases.get(id.getSimple().toLowerCase(Locale.ROOT))),
              id.getParserPosition()));
        } else {
          options.add(option);
        }
      }
      out.add(new SqlHint(hint.getParserPosition(), (SqlIdentifier) hint.getOperandList().get(0), options,
          hint.getOptionFormat()));
    }
    return out;
  }
}
