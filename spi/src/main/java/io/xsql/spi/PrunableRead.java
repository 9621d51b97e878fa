package io.xsql.spi;

import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A plan node that reads its rows from another system and can send fewer of its fields, so that fields no
 * operator above it reads stay in that system. The planner asks once the plan is chosen, with the fields
 * the expressions over the node read: Calcite trims fields before that, but not through a condition xsql
 * checks above a read (the exact check over a MySQL pre-filter, which needs every field the query needs).
 */
public interface PrunableRead {

  /**
   * This read sending only {@code fields} of its rows, in their order, or empty when it cannot.
   *
   * @param fields output field indexes, at least one and fewer than all
   */
  Optional<RelNode> pruned(ImmutableBitSet fields);
}
