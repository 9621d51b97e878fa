package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.type.Type;

/**
 * A column of an xsql table.
 *
 * @param name the name as the source spells it (Trino shows it in lower case)
 * @param index the column's index in the table, as filters and scans name it
 * @param type the Trino type
 * @param nullable whether values may be null
 */
public record XsqlTrinoColumnHandle(@JsonProperty("name") String name, @JsonProperty("index") int index,
    @JsonProperty("type") Type type, @JsonProperty("nullable") boolean nullable) implements ColumnHandle {
  @JsonCreator
  public XsqlTrinoColumnHandle {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (index < 0) {
      throw new IllegalArgumentException("index is negative: " + index);
    }
  }

  /** The column as Trino lists it. */
  ColumnMetadata metadata() {
    return ColumnMetadata.builder().setName(name).setType(type).setNullable(nullable).build();
  }
}
