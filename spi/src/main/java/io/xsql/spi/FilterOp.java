package io.xsql.spi;

/** The filter shapes the engine can hand to a source, one column at a time. */
public enum FilterOp {
  EQ, NE, LT, LE, GT, GE, IN, IS_NULL, IS_NOT_NULL,
  /** SQL {@code LIKE} (and {@code NOT LIKE}) on a text column, case-sensitive. */
  LIKE
}
