package io.xsql.spi;

import java.util.Optional;

/**
 * A source's Calcite schema whose sub-schemas include the one its own tables come from: a database's
 * default schema, whose tables are {@code crm.orders} as well as {@code crm.public.orders}. Metadata lists
 * those tables once, under the source's name, and the other sub-schemas as {@code crm.sales}.
 */
public interface NestedSchemas {

  /**
   * The sub-schema the source's own tables come from, if any.
   *
   * @throws SourceException if the source cannot be reached to say
   */
  Optional<String> defaultSubSchema();
}
