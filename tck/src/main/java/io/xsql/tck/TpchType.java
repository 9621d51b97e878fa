package io.xsql.tck;

import io.trino.tpch.TpchColumnType;

/**
 * The four types the TPC-H fixture gives its columns, the same in every source: files pin them in the
 * catalog, databases declare them, so that a join or a comparison never meets two kinds of one value.
 */
public enum TpchType {
  /** Keys and small counts (TPC-H's identifiers fit an int up to scale factor 300). */
  INTEGER,
  /** Money, quantities, discounts and taxes: two decimals, as the specification's DECIMAL. */
  DECIMAL,
  /** Text. */
  VARCHAR,
  /** Dates. */
  DATE;

  static TpchType of(TpchColumnType type) {
    return switch (type.getBase()) {
      case IDENTIFIER, INTEGER -> INTEGER;
      case DOUBLE -> DECIMAL;
      case VARCHAR -> VARCHAR;
      case DATE -> DATE;
    };
  }

  /** The type as a file source's {@code columns:} entry pins it. */
  public String catalogType() {
    return this == DECIMAL ? "DECIMAL(15,2)" : name();
  }

  /** The column type in PostgreSQL and MariaDB (both accept the same spelling). */
  public String sqlType(int length) {
    return switch (this) {
      case INTEGER -> "integer";
      case DECIMAL -> "numeric(15,2)";
      case VARCHAR -> "varchar(" + length + ")";
      case DATE -> "date";
    };
  }
}
