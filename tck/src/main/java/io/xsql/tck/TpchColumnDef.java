package io.xsql.tck;

import static java.util.Objects.requireNonNull;

/**
 * One column of a TPC-H table as the fixture types it.
 *
 * @param name the specification's name ({@code l_orderkey})
 * @param type its type in every source
 * @param length the maximum length of a VARCHAR (0 for other types)
 */
public record TpchColumnDef(String name, TpchType type, int length) {
  /** Checks the fields. */
  public TpchColumnDef {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }

  /** The column's declaration in a CREATE TABLE of PostgreSQL or MariaDB. */
  public String sqlDeclaration() {
    return name + " " + type.sqlType(length) + " NOT NULL";
  }
}
