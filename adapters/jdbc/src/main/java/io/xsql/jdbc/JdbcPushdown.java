package io.xsql.jdbc;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * Decides what a database may evaluate for xsql: only what it computes exactly as xsql would, so that a
 * query returns the same rows whether or not a part of it was pushed down.
 *
 * <p>Calcite pushes every built-in operator its dialect can spell. That is wrong in ways that go unseen:
 * MySQL compares text case-insensitively and ignores trailing blanks, PostgreSQL orders text by its
 * locale's collation, MySQL divides integers into decimals, and {@code CAST(2.7 AS INTEGER)} rounds in
 * the database but truncates in xsql. So text takes part in equality (and LIKE) only on PostgreSQL and
 * never in ordering, integer division only where it truncates, casts only where they widen a number,
 * and functions only from a short list both sides agree on.
 */
final class JdbcPushdown {
  /** Operators every family evaluates like xsql, given operands that pass {@link #operandsAgree}. */
  private static final Set<SqlKind> COMMON = EnumSet.of(SqlKind.AND, SqlKind.OR, SqlKind.NOT,
      SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE,
      SqlKind.IS_NOT_FALSE, SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
      SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.SEARCH,
      SqlKind.CASE, SqlKind.COALESCE, SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.MINUS_PREFIX,
      SqlKind.PLUS_PREFIX, SqlKind.DIVIDE, SqlKind.MOD, SqlKind.CAST);
  /** Comparisons whose meaning on text depends on the database's collation. */
  private static final Set<SqlKind> ORDERING = EnumSet.of(SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL,
      SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);
  /** Functions PostgreSQL and MySQL spell and compute as xsql does. */
  private static final Set<String> FUNCTIONS = Set.of("UPPER", "LOWER", "CHAR_LENGTH", "CHARACTER_LENGTH",
      "ABS", "SUBSTRING", "TRIM");
  private static final Set<SqlKind> AGGREGATES = EnumSet.of(SqlKind.COUNT, SqlKind.SUM, SqlKind.SUM0,
      SqlKind.MIN, SqlKind.MAX);

  private JdbcPushdown() {}

  /** Whether the database may evaluate every expression. */
  static boolean expressions(JdbcKind kind, List<RexNode> nodes) {
    return nodes.stream().allMatch(n -> expression(kind, n));
  }

  /** Whether the database may evaluate an expression. */
  static boolean expression(JdbcKind kind, RexNode node) {
    if (node instanceof RexInputRef || node instanceof RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    if (!(node instanceof RexCall call) || !call(kind, call)) {
      return false;
    }
    return call.getOperands().stream().allMatch(o -> expression(kind, o));
  }

  private static boolean call(JdbcKind kind, RexCall call) {
    SqlKind k = call.getKind();
    if (k == SqlKind.LIKE) {
      // Exact on PostgreSQL (ESCAPE '' is added); case-insensitive on MySQL; unknown elsewhere.
      return kind == JdbcKind.POSTGRES && !call.getOperator().getName().equalsIgnoreCase("ILIKE");
    }
    if (COMMON.contains(k)) {
      return operandsAgree(kind, call);
    }
    return kind != JdbcKind.GENERIC && FUNCTIONS.contains(call.getOperator().getName())
        && (kind == JdbcKind.POSTGRES || !anyText(call.getOperands()));
  }

  private static boolean operandsAgree(JdbcKind kind, RexCall call) {
    SqlKind k = call.getKind();
    List<RexNode> operands = call.getOperands();
    return switch (k) {
      case CAST -> widens(operands.get(0).getType(), call.getType());
      case DIVIDE -> SqlTypeUtil.isApproximateNumeric(call.getType())
          || kind == JdbcKind.POSTGRES && operands.stream().allMatch(o -> isInteger(o.getType()));
      case MOD -> operands.stream().allMatch(o -> isInteger(o.getType()));
      case SEARCH -> !anyText(operands) || textEquality(kind) && isPoints(operands.get(1));
      default -> !anyText(operands) || textEquality(kind) && !ORDERING.contains(k);
    };
  }

  /** Whether text equality in the database is exact: PostgreSQL's default collations are deterministic. */
  private static boolean textEquality(JdbcKind kind) {
    return kind == JdbcKind.POSTGRES;
  }

  private static boolean isPoints(RexNode sarg) {
    if (!(sarg instanceof RexLiteral literal) || !(literal.getValue() instanceof Sarg<?> s)) {
      return false;
    }
    return s.isPoints() || s.isComplementedPoints();
  }

  private static boolean anyText(List<RexNode> operands) {
    return operands.stream().anyMatch(o -> isText(o.getType()));
  }

  private static boolean isText(RelDataType type) {
    return SqlTypeUtil.inCharFamily(type);
  }

  private static boolean isInteger(RelDataType type) {
    return SqlTypeName.INT_TYPES.contains(type.getSqlTypeName());
  }

  /** A cast both sides compute alike: an integer into a wider integer, a decimal or a double. */
  private static boolean widens(RelDataType from, RelDataType to) {
    if (!isInteger(from)) {
      return from.getSqlTypeName() == to.getSqlTypeName() && from.getFamily() != SqlTypeFamily.CHARACTER
          && from.getPrecision() <= to.getPrecision() && from.getScale() == to.getScale();
    }
    return switch (to.getSqlTypeName()) {
      case BIGINT, DOUBLE -> true;
      case INTEGER -> from.getSqlTypeName() != SqlTypeName.BIGINT;
      case DECIMAL -> to.getScale() == 0 && to.getPrecision() >= 19 || to.getPrecision() - to.getScale() >= 19;
      default -> false;
    };
  }

  /**
   * Whether the database, evaluating a condition it may not evaluate exactly, keeps every row xsql keeps:
   * a text column (or a {@code SUBSTRING} of one with literal positions, which both count in characters)
   * equal to a literal or in a list of literals, on MySQL, whose collations make more strings equal (case,
   * accents, trailing blanks), never fewer. Not for literals ending in a blank: MySQL 8's NO PAD collations
   * tell {@code 'a '} from {@code 'a'}, which xsql finds equal where the column is a CHAR. Such a condition
   * can filter rows before they leave the database, as long as xsql checks it again on what it receives.
   */
  static boolean superset(JdbcKind kind, RexNode node) {
    if (kind != JdbcKind.MYSQL || !(node instanceof RexCall call)) {
      return false;
    }
    List<RexNode> operands = call.getOperands();
    return switch (call.getKind()) {
      case EQUALS -> textColumn(operands.get(0)) && unpadded(operands.get(1))
          || textColumn(operands.get(1)) && unpadded(operands.get(0));
      case SEARCH -> textColumn(operands.get(0)) && operands.get(1) instanceof RexLiteral literal
          && literal.getValue() instanceof Sarg<?> sarg && sarg.isPoints()
          && sarg.rangeSet.asRanges().stream().allMatch(r -> !text(r.lowerEndpoint()).endsWith(" "));
      default -> false;
    };
  }

  /** A text column or a {@code SUBSTRING} of one with literal positions. */
  private static boolean textColumn(RexNode node) {
    if (!isText(node.getType())) {
      return false;
    }
    return node instanceof RexInputRef || node instanceof RexCall call
        && call.getOperator().getName().equals("SUBSTRING") && textColumn(call.getOperands().get(0))
        && call.getOperands().stream().skip(1).allMatch(o -> o instanceof RexLiteral && isInteger(o.getType()));
  }

  /** A text literal that does not end in a blank. */
  private static boolean unpadded(RexNode node) {
    return node instanceof RexLiteral literal && isText(node.getType()) && literal.getValue() != null
        && !text(literal.getValue()).endsWith(" ");
  }

  private static String text(Object value) {
    return value instanceof NlsString nls ? nls.getValue() : String.valueOf(value);
  }

  /** Whether the database may compute an aggregate: groups and extremes of text follow its collation. */
  static boolean aggregate(JdbcKind kind, Aggregate aggregate) {
    List<RelDataType> input = aggregate.getInput().getRowType().getFieldList().stream()
        .map(f -> f.getType()).toList();
    if (aggregate.getGroupSet().asList().stream().anyMatch(i -> isText(input.get(i)))
        && !textEquality(kind)) {
      return false;
    }
    for (AggregateCall call : aggregate.getAggCallList()) {
      boolean textArgument = call.getArgList().stream().anyMatch(i -> isText(input.get(i)));
      SqlKind k = call.getAggregation().getKind();
      if (!AGGREGATES.contains(k) || textArgument && (k != SqlKind.COUNT || !textEquality(kind))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the database may sort: text sorts by its collation, so only other keys go down. */
  static boolean sort(Sort sort) {
    List<RelDataType> input = sort.getInput().getRowType().getFieldList().stream()
        .map(f -> f.getType()).toList();
    return sort.getCollation().getFieldCollations().stream()
        .map(RelFieldCollation::getFieldIndex).noneMatch(i -> isText(input.get(i)));
  }
}
