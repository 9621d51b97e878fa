package io.xsql.stream;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.EventTime;
import io.xsql.spi.LookupBatch;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stream or queue as a table. Scanned plainly, it reads what the broker holds when the query starts, then
 * ends; its {@link #stream()} view, which {@code SELECT STREAM} reads, follows the stream until the query is
 * canceled, closed or times out. The engine does all filtering: a broker matches no SQL predicate.
 */
final class StreamTable implements DataTable {
  private final StreamConfig config;
  private final StreamBroker broker;
  private final boolean unbounded;

  StreamTable(StreamConfig config, StreamBroker broker) {
    this(config, broker, false);
  }

  private StreamTable(StreamConfig config, StreamBroker broker, boolean unbounded) {
    this.config = config;
    this.broker = broker;
    this.unbounded = unbounded;
  }

  @Override
  public List<Column> columns() {
    return config.columns();
  }

  /** Connects on the cursor's first row, so that planning never waits for the broker. */
  @Override
  public RowCursor scan(ScanRequest request) {
    return new StreamCursor(broker, unbounded, config.reconnect(), new StreamRows(broker.where(), config.columns(),
        request.columnArray(), config.onError()), request.context());
  }

  @Override
  public Optional<DataTable> stream() {
    return unbounded ? Optional.empty() : Optional.of(new StreamTable(config, broker, true));
  }

  @Override
  public EventTime eventTime() {
    return config.eventTime();
  }

  /** For the stream view: the catalog's {@code lookup_batch}. */
  @Override
  public Optional<LookupBatch> lookupBatch() {
    return unbounded ? Optional.of(config.lookupBatch()) : Optional.empty();
  }

  /** Unknown for a read as it stands; for a stream, {@link #STREAM_ROWS}. */
  @Override
  public OptionalLong estimatedRowCount() {
    return unbounded ? OptionalLong.of(STREAM_ROWS) : OptionalLong.empty();
  }

  @Override
  public String describe() {
    return broker.describe() + config.eventTime().describe() + (unbounded ? ", following" : ", as it stands");
  }
}
