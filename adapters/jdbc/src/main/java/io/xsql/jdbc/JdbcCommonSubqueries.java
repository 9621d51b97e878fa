package io.xsql.jdbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Writes a derived table that a statement repeats, aggregated or joined, once, as a {@code WITH} query the
 * repeats read: PostgreSQL computes a {@code WITH} query read twice once, where it computes each derived
 * table anew (TPC-H Q15 compares each supplier's revenue with the largest, both the same grouping of
 * lineitem: one scan of lineitem instead of two). Derived tables with parameters stay as they are, since
 * moving them would reorder the parameters.
 */
final class JdbcCommonSubqueries {
  /** The names of the {@code WITH} queries; derived tables are named {@code t}, {@code t0}, ... */
  private static final String PREFIX = "xsql_shared";

  private final SqlDialect dialect;
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, SqlIdentifier> names = new HashMap<>();
  private final List<SqlNode> items = new ArrayList<>();

  private JdbcCommonSubqueries(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** The statement with its repeated derived tables written once, if it repeats any. */
  static Optional<String> hoisted(SqlNode statement, SqlDialect dialect) {
    JdbcCommonSubqueries common = new JdbcCommonSubqueries(dialect);
    common.count(statement);
    if (common.counts.values().stream().noneMatch(n -> n > 1)) {
      return Optional.empty();
    }
    common.replace(statement);
    if (common.items.isEmpty()) {
      return Optional.empty();
    }
    SqlWith with = new SqlWith(SqlParserPos.ZERO, new SqlNodeList(common.items, SqlParserPos.ZERO), statement);
    return Optional.of(with.toSqlString(dialect).getSql());
  }

  private void count(SqlNode node) {
    if (!(node instanceof SqlCall call)) {
      return;
    }
    derived(call).ifPresent(select -> counts.merge(text(select), 1, Integer::sum));
    for (SqlNode operand : call.getOperandList()) {
      count(operand);
    }
  }

  /** Replaces each repeated derived table by its {@code WITH} query, outermost first. */
  private void replace(SqlNode node) {
    if (!(node instanceof SqlCall call)) {
      return;
    }
    Optional<SqlSelect> select = derived(call);
    if (select.isPresent() && counts.get(text(select.get())) > 1 && worthSharing(select.get())) {
      String text = text(select.get());
      SqlIdentifier name = names.computeIfAbsent(text, t -> {
        SqlIdentifier n = new SqlIdentifier(PREFIX + names.size(), SqlParserPos.ZERO);
        items.add(new SqlWithItem(SqlParserPos.ZERO, n, null, select.get()));
        return n;
      });
      call.setOperand(0, name);
      return;
    }
    for (SqlNode operand : call.getOperandList()) {
      replace(operand);
    }
  }

  /** The query of a derived table ({@code (SELECT ...) AS t}). */
  private static Optional<SqlSelect> derived(SqlCall call) {
    return call.getKind() == SqlKind.AS && call instanceof SqlBasicCall
        && call.operand(0) instanceof SqlSelect select ? Optional.of(select) : Optional.empty();
  }

  /** A query whose repeat costs the database real work: one that groups or joins, with no parameter. */
  private boolean worthSharing(SqlSelect select) {
    boolean work = select.getGroup() != null || select.getFrom() != null && select.getFrom().getKind() == SqlKind.JOIN;
    return work && !text(select).contains("?");
  }

  private String text(SqlNode node) {
    return node.toSqlString(dialect).getSql();
  }
}
