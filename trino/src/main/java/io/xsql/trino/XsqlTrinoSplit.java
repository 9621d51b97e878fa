package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorSplit;
import io.xsql.spi.TablePart;

/**
 * One part of a table ({@link TablePart}) for a worker to read: a file of a file source, a byte range of a
 * large JSON Lines file, a range of pages of an API listing, an {@code _id} range of a MongoDB collection.
 * Any worker can read it, since every node opens the same catalog.
 *
 * @param name what the part reads, as {@link TablePart#name()}
 * @param start the first unit (byte, page) of its range
 * @param end the unit after its range, or {@link TablePart#TO_END}
 */
public record XsqlTrinoSplit(@JsonProperty("name") String name, @JsonProperty("start") long start,
    @JsonProperty("end") long end) implements ConnectorSplit {
  /** Object header plus the fields: enough for Trino's memory accounting of queued splits. */
  private static final long BASE_SIZE = 64;

  @JsonCreator
  public XsqlTrinoSplit {
    requireNonNull(name, "name is null");
  }

  /** A split reading a part. */
  static XsqlTrinoSplit of(TablePart part) {
    return new XsqlTrinoSplit(part.name(), part.start(), part.end());
  }

  /** The part to read. */
  TablePart part() {
    return new TablePart(name, start, end);
  }

  @Override
  public long getRetainedSizeInBytes() {
    return BASE_SIZE + 2L * name.length();
  }
}
