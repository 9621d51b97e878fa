package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A foreign key between two tables of one source: the columns of the foreign table that refer to the
 * primary (or unique) key of the primary table.
 *
 * @param name the constraint's name, if the source names it
 * @param primary the referenced table and its key columns
 * @param foreign the referring table and its columns, in the same order
 * @param onUpdate what an update of the referenced key does
 * @param onDelete what a delete of the referenced row does
 * @param primaryKeyName the name of the referenced key's constraint, if known
 * @param deferrability when the database checks the constraint
 */
public record ForeignKey(Optional<String> name, Side primary, Side foreign, Rule onUpdate, Rule onDelete,
    Optional<String> primaryKeyName, Deferrability deferrability) {
  public ForeignKey {
    requireNonNull(name, "name is null");
    requireNonNull(primary, "primary is null");
    requireNonNull(foreign, "foreign is null");
    requireNonNull(onUpdate, "onUpdate is null");
    requireNonNull(onDelete, "onDelete is null");
    requireNonNull(primaryKeyName, "primaryKeyName is null");
    requireNonNull(deferrability, "deferrability is null");
    if (primary.columns().size() != foreign.columns().size() || primary.columns().isEmpty()) {
      throw new IllegalArgumentException("a foreign key pairs one or more columns on each side");
    }
  }

  /**
   * One end of the key.
   *
   * @param schema the table's schema below the source's own: empty for a table of the source's default
   *     schema ({@code crm.orders}), {@code [sales]} for {@code crm.sales.orders}
   * @param table the table's name
   * @param columns the key's columns in key order
   */
  public record Side(List<String> schema, String table, List<String> columns) {
    public Side {
      schema = List.copyOf(schema);
      requireNonNull(table, "table is null");
      columns = List.copyOf(columns);
    }
  }

  /** What a change of the referenced key does to the referring rows (JDBC's {@code importedKey*}). */
  public enum Rule {
    CASCADE, RESTRICT, SET_NULL, NO_ACTION, SET_DEFAULT
  }

  /** When the constraint is checked (JDBC's {@code importedKey*} deferrability). */
  public enum Deferrability {
    INITIALLY_DEFERRED, INITIALLY_IMMEDIATE, NOT_DEFERRABLE
  }
}
