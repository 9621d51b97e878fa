package io.xsql.planner;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Turns WHERE conjuncts into spi {@link Predicate}s a table can evaluate, and renders them for EXPLAIN.
 *
 * <p>A conjunct is pushed only when it compares a column with a literal or parameter whose value converts
 * exactly to the column's type, and the table accepts every operator in it; anything else stays with the
 * engine, and so does every condition on an ARRAY column (a source's notion of an array's equality or
 * NULL, such as MongoDB's, which matches an array by any of its elements, is not SQL's). During planning
 * a parameter stands in a predicate as a {@link Param}; {@link FilterBinding} replaces it when the query
 * runs.
 */
final class ScanFilters {
  private ScanFilters() {}

  /** A {@code ?} parameter standing where a value will be, until {@link #bind} replaces it. */
  record Param(int index) {
    @Override
    public String toString() {
      return "?" + index;
    }
  }

  /**
   * Translates one conjunct.
   *
   * @param node the conjunct, with SEARCH already expanded
   * @param tableColumn maps an input field of the filter to a table column index
   */
  static Optional<Predicate> translate(RexNode node, IntUnaryOperator tableColumn, DataTable table) {
    List<Column> columns = table.columns();
    switch (node.getKind()) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
        RexCall call = (RexCall) node;
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        SqlKind kind = node.getKind();
        if (column(left).isEmpty()) {
          RexNode t = left;
          left = right;
          right = t;
          kind = kind.reverse();
        }
        Optional<RexInputRef> maybeRef = column(left);
        if (maybeRef.isEmpty()) {
          return Optional.empty();
        }
        RexInputRef ref = maybeRef.get();
        int column = tableColumn.applyAsInt(ref.getIndex());
        FilterOp op = op(kind);
        return operand(right, columns.get(column).type())
            .filter(v -> filterable(table, column, op))
            .map(v -> new Predicate.Compare(column, op, v));
      }
      case IS_NULL, IS_NOT_NULL -> {
        RexNode operand = ((RexCall) node).getOperands().get(0);
        if (!(operand instanceof RexInputRef ref)) {
          return Optional.empty();
        }
        int column = tableColumn.applyAsInt(ref.getIndex());
        boolean negated = node.getKind() == SqlKind.IS_NOT_NULL;
        FilterOp op = negated ? FilterOp.IS_NOT_NULL : FilterOp.IS_NULL;
        return filterable(table, column, op)
            ? Optional.of(new Predicate.IsNull(column, negated)) : Optional.empty();
      }
      case LIKE -> {
        return like((RexCall) node, false, tableColumn, table);
      }
      case NOT -> {
        RexNode operand = ((RexCall) node).getOperands().get(0);
        return operand.getKind() == SqlKind.LIKE ? like((RexCall) operand, true, tableColumn, table)
            : Optional.empty();
      }
      case OR -> {
        return disjunction(((RexCall) node).getOperands(), tableColumn, table);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /**
   * A case-sensitive LIKE of a text column with a literal pattern (and escape); ILIKE and patterns SQL
   * rejects stay with the engine, which reports them.
   */
  private static Optional<Predicate> like(RexCall call, boolean not, IntUnaryOperator tableColumn,
      DataTable table) {
    if (!(call.getOperator() instanceof SqlLikeOperator op) || !op.isCaseSensitive()) {
      return Optional.empty();
    }
    List<RexNode> operands = call.getOperands();
    Optional<RexInputRef> ref = column(operands.get(0));
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    int column = tableColumn.applyAsInt(ref.get().getIndex());
    if (table.columns().get(column).type().kind() != TypeKind.VARCHAR || !filterable(table, column, FilterOp.LIKE)) {
      return Optional.empty();
    }
    Optional<String> pattern = text(operands.get(1));
    Optional<String> escapeText = operands.size() > 2 ? text(operands.get(2)) : Optional.of("");
    if (pattern.isEmpty() || escapeText.isEmpty() || escapeText.get().length() > 1) {
      return Optional.empty();
    }
    Optional<Character> escape = escapeText.get().isEmpty() ? Optional.empty()
        : Optional.of(escapeText.get().charAt(0));
    if (!Predicate.Like.isValid(pattern.get(), escape)) {
      return Optional.empty();
    }
    return Optional.of(new Predicate.Like(column, pattern.get(), escape, not != op.isNegated()));
  }

  /** Whether the table takes {@code op} on the column; never asked for an ARRAY column. */
  private static boolean filterable(DataTable table, int column, FilterOp op) {
    return !XsqlTypes.isArray(table, column) && table.canFilter(column, op);
  }

  /** A character literal's text. */
  private static Optional<String> text(RexNode node) {
    return node instanceof RexLiteral literal && !literal.isNull()
        && literal.getTypeName().getFamily() == SqlTypeFamily.CHARACTER
        ? Optional.ofNullable(literal.getValueAs(String.class)) : Optional.empty();
  }

  /**
   * The column an operand reads: a plain reference, or a reference under a CAST that loses nothing, as
   * Calcite adds when comparing {@code DECIMAL(10,2)} with {@code 10} or {@code INTEGER} with a BIGINT.
   * Comparing the cast value equals comparing the column's own value with the literal converted exactly.
   */
  private static Optional<RexInputRef> column(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return Optional.of(ref);
    }
    if (node.getKind() == SqlKind.CAST && ((RexCall) node).getOperands().get(0) instanceof RexInputRef ref
        && widens(ref.getType(), node.getType())) {
      return Optional.of(ref);
    }
    return Optional.empty();
  }

  /** Whether every value of {@code from} converts to {@code to} exactly and keeps its order. */
  private static boolean widens(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    int integerDigits = switch (f) {
      case TINYINT, SMALLINT, INTEGER -> 10;
      case BIGINT -> 19;
      case DECIMAL -> from.getPrecision() - from.getScale();
      default -> -1;
    };
    return switch (t) {
      case BIGINT -> f == SqlTypeName.INTEGER || f == SqlTypeName.SMALLINT || f == SqlTypeName.TINYINT;
      case DECIMAL -> integerDigits >= 0 && to.getPrecision() - to.getScale() >= integerDigits
          && to.getScale() >= Math.max(from.getScale(), 0);
      case VARCHAR -> (f == SqlTypeName.VARCHAR) && (to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || from.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED && to.getPrecision() >= from.getPrecision());
      default -> false;
    };
  }

  /** An OR of translatable parts: an IN list when all are equalities on one column, else alternatives. */
  private static Optional<Predicate> disjunction(
      List<RexNode> operands, IntUnaryOperator tableColumn, DataTable table) {
    List<Predicate> parts = new ArrayList<>();
    for (RexNode operand : operands) {
      Optional<Predicate> p = translate(operand, tableColumn, table);
      if (p.isEmpty()) {
        return Optional.empty();
      }
      parts.add(p.get());
    }
    boolean sameColumnEqualities = parts.stream().allMatch(p ->
        p instanceof Predicate.Compare c && c.op() == FilterOp.EQ
            && c.column() == ((Predicate.Compare) parts.get(0)).column());
    if (sameColumnEqualities) {
      int column = ((Predicate.Compare) parts.get(0)).column();
      if (filterable(table, column, FilterOp.IN)) {
        List<Object> values = parts.stream().map(p -> ((Predicate.Compare) p).value()).distinct()
            .collect(Collectors.toList());
        return Optional.of(new Predicate.In(column, values));
      }
    }
    return table.canFilterAlternatives() ? Optional.of(new Predicate.AnyOf(parts)) : Optional.empty();
  }

  private static FilterOp op(SqlKind kind) {
    return switch (kind) {
      case EQUALS -> FilterOp.EQ;
      case NOT_EQUALS -> FilterOp.NE;
      case LESS_THAN -> FilterOp.LT;
      case LESS_THAN_OR_EQUAL -> FilterOp.LE;
      case GREATER_THAN -> FilterOp.GT;
      case GREATER_THAN_OR_EQUAL -> FilterOp.GE;
      default -> throw new AssertionError(kind);
    };
  }

  /** The value a literal or parameter compares with, if it converts exactly to the column's type. */
  private static Optional<Object> operand(RexNode node, ColumnType type) {
    if (node instanceof RexDynamicParam param) {
      boolean sameType = XsqlTypes.sqlTypeName(type.kind()) == param.getType().getSqlTypeName();
      boolean bindable = switch (type.kind()) {
        case INTEGER, BIGINT, DOUBLE, DECIMAL, VARCHAR, BOOLEAN -> true;
        default -> false;
      };
      return sameType && bindable ? Optional.of(new Param(param.getIndex())) : Optional.empty();
    }
    if (!(node instanceof RexLiteral literal) || literal.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(literalValue(literal, type.kind()));
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Object literalValue(RexLiteral literal, TypeKind kind) {
    return switch (literal.getTypeName().getFamily()) {
      case NUMERIC -> kind.isNumeric() ? exactNumber(literal.getValueAs(BigDecimal.class), kind) : null;
      case CHARACTER -> {
        String s = literal.getValueAs(String.class);
        // CHAR literals compare ignoring trailing spaces in SQL; leave those to the engine.
        yield kind == TypeKind.VARCHAR && s != null && !s.endsWith(" ") ? s : null;
      }
      case BOOLEAN -> kind == TypeKind.BOOLEAN ? literal.getValueAs(Boolean.class) : null;
      case DATE -> kind == TypeKind.DATE ? literal.getValueAs(Integer.class) : null;
      case TIME -> kind == TypeKind.TIME ? literal.getValueAs(Integer.class) : null;
      case TIMESTAMP -> kind == TypeKind.TIMESTAMP ? literal.getValueAs(Long.class) : null;
      default -> null;
    };
  }

  /** A number in the column's class, or an ArithmeticException when it does not fit exactly. */
  static Object exactNumber(BigDecimal value, TypeKind kind) {
    return switch (kind) {
      case INTEGER -> value.intValueExact();
      case BIGINT -> value.longValueExact();
      case DOUBLE -> value.doubleValue();
      case DECIMAL -> value;
      default -> throw new ArithmeticException("not a number column: " + kind);
    };
  }

  /** Renders a predicate for EXPLAIN with column names. */
  static String explain(Predicate p, List<Column> columns) {
    if (p instanceof Predicate.Compare c) {
      return columns.get(c.column()).name() + " " + symbol(c.op()) + " " + literal(c.value());
    }
    if (p instanceof Predicate.In in) {
      return columns.get(in.column()).name() + " IN (" + in.values().stream().map(ScanFilters::literal)
          .collect(Collectors.joining(", ")) + ")";
    }
    if (p instanceof Predicate.IsNull n) {
      return columns.get(n.column()).name() + (n.negated() ? " IS NOT NULL" : " IS NULL");
    }
    if (p instanceof Predicate.Like like) {
      return columns.get(like.column()).name() + (like.negated() ? " NOT LIKE " : " LIKE ")
          + literal(like.pattern()) + like.escape().map(e -> " ESCAPE " + literal(String.valueOf(e))).orElse("");
    }
    return ((Predicate.AnyOf) p).alternatives().stream().map(a -> explain(a, columns))
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  private static String symbol(FilterOp op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "<>";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      default -> op.name();
    };
  }

  private static String literal(Object value) {
    return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
  }
}
