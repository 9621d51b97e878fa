package io.xsql.spi;

import java.util.List;
import java.util.Optional;

/**
 * A plan node whose rows a lookup join can fetch by key instead of reading them all: a table's scan
 * whose table declares {@link DataTable#keyLookup()}, or a subtree a {@link CalciteSchemaSource} runs
 * whole in its system (a database query). The planner asks; a node that cannot look up says so.
 */
public interface LookupSide {

  /**
   * How to fetch this node's rows (all its output fields, in order) by the values of some of its output
   * fields, or empty when this node cannot look rows up by those fields.
   *
   * @param keyFields output field indexes, in the order of the join's keys
   */
  Optional<KeyedRows> lookupBy(List<Integer> keyFields);
}
