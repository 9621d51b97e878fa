package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A filter the engine hands to a source: one conjunct of the query's WHERE clause.
 *
 * <p>Column numbers are table column indexes (not positions in the scan's projection). Values have the
 * column's {@link TypeKind#javaClass()}; the engine never hands over a value it could not convert exactly.
 * Evaluation follows SQL: a null column value satisfies only {@link IsNull}. No predicate reads an ARRAY
 * column: the engine evaluates every condition on arrays itself.
 */
public sealed interface Predicate {

  /**
   * Evaluates the predicate.
   *
   * @param columnValue the value of a table column, by column index
   */
  boolean test(IntFunction<Object> columnValue);

  /** The table columns the predicate reads. */
  default BitSet columns() {
    BitSet out = new BitSet();
    if (this instanceof Compare c) {
      out.set(c.column());
    } else if (this instanceof In in) {
      out.set(in.column());
    } else if (this instanceof IsNull n) {
      out.set(n.column());
    } else if (this instanceof Like like) {
      out.set(like.column());
    } else {
      for (Predicate p : ((AnyOf) this).alternatives()) {
        out.or(p.columns());
      }
    }
    return out;
  }

  /** {@code column op value} for op in EQ, NE, LT, LE, GT, GE. */
  record Compare(int column, FilterOp op, Object value) implements Predicate {
    public Compare {
      requireNonNull(op, "op is null");
      requireNonNull(value, "value is null");
      if (op.compareTo(FilterOp.GE) > 0) {
        throw new IllegalArgumentException("not a comparison: " + op);
      }
    }

    /** Whether a column value satisfies the comparison. */
    public boolean matches(Object columnValue) {
      if (columnValue == null) {
        return false;
      }
      int c = compare(columnValue, value);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
        default -> throw new AssertionError(op);
      };
    }

    @Override
    public boolean test(IntFunction<Object> columnValue) {
      return matches(columnValue.apply(column));
    }
  }

  /** {@code column IN (values)}; the values are distinct and non-null. */
  record In(int column, List<Object> values) implements Predicate {
    public In {
      values = List.copyOf(values);
    }

    /** Whether a column value is one of the values. */
    public boolean matches(Object columnValue) {
      if (columnValue == null) {
        return false;
      }
      for (Object v : values) {
        if (compare(columnValue, v) == 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean test(IntFunction<Object> columnValue) {
      return matches(columnValue.apply(column));
    }
  }

  /** {@code column IS NULL}, or {@code IS NOT NULL} when negated. */
  record IsNull(int column, boolean negated) implements Predicate {
    @Override
    public boolean test(IntFunction<Object> columnValue) {
      return (columnValue.apply(column) == null) != negated;
    }
  }

  /**
   * {@code column LIKE pattern [ESCAPE escape]}, or {@code NOT LIKE} when negated, as SQL has it:
   * case-sensitive, {@code %} any run of characters (line breaks included), {@code _} any one character,
   * the escape character before {@code %}, {@code _} or itself making it literal. A null value satisfies
   * neither.
   *
   * @param escape the escape character, if the query gave one
   */
  record Like(int column, String pattern, Optional<Character> escape, boolean negated) implements Predicate {
    public Like {
      requireNonNull(pattern, "pattern is null");
      requireNonNull(escape, "escape is null");
      if (!isValid(pattern, escape)) {
        throw new IllegalArgumentException("invalid escape sequence in LIKE pattern '" + pattern + "'");
      }
    }

    /** Whether every escape character in the pattern precedes {@code %}, {@code _} or itself. */
    public static boolean isValid(String pattern, Optional<Character> escape) {
      if (escape.isEmpty()) {
        return true;
      }
      char e = escape.get();
      for (int i = 0; i < pattern.length(); i++) {
        if (pattern.charAt(i) == e) {
          if (i + 1 == pattern.length()) {
            return false;
          }
          char next = pattern.charAt(++i);
          if (next != '%' && next != '_' && next != e) {
            return false;
          }
        }
      }
      return true;
    }

    /** Whether a column value satisfies the predicate. */
    public boolean matches(Object columnValue) {
      return columnValue != null && like((String) columnValue) != negated;
    }

    @Override
    public boolean test(IntFunction<Object> columnValue) {
      return matches(columnValue.apply(column));
    }

    /** Wildcard matching that backtracks to the last {@code %} on a mismatch. */
    private boolean like(String s) {
      int e = escape.map(c -> (int) c).orElse(-1);
      int si = 0;
      int pi = 0;
      int starP = -1;
      int starS = 0;
      while (si < s.length()) {
        if (pi < pattern.length()) {
          char c = pattern.charAt(pi);
          if (c == e) {
            if (pattern.charAt(pi + 1) == s.charAt(si)) {
              si++;
              pi += 2;
              continue;
            }
          } else if (c == '%') {
            starP = ++pi;
            starS = si;
            continue;
          } else if (c == '_') {
            si += Character.charCount(s.codePointAt(si));
            pi++;
            continue;
          } else if (c == s.charAt(si)) {
            si++;
            pi++;
            continue;
          }
        }
        if (starP < 0) {
          return false;
        }
        starS += Character.charCount(s.codePointAt(starS));
        si = starS;
        pi = starP;
      }
      while (pi < pattern.length() && pattern.charAt(pi) == '%' && pattern.charAt(pi) != e) {
        pi++;
      }
      return pi == pattern.length();
    }
  }

  /** A disjunction: true when any alternative is. */
  record AnyOf(List<Predicate> alternatives) implements Predicate {
    public AnyOf {
      alternatives = List.copyOf(alternatives);
    }

    @Override
    public boolean test(IntFunction<Object> columnValue) {
      for (Predicate p : alternatives) {
        if (p.test(columnValue)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Compares two non-null values of the same column kind the way the engine's runtime does (strings by
   * UTF-16 code unit, numbers by value).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a.getClass() != b.getClass()) {
      throw new IllegalArgumentException(
          "cannot compare " + a.getClass().getSimpleName() + " with " + b.getClass().getSimpleName());
    }
    return ((Comparable) a).compareTo(b);
  }
}
