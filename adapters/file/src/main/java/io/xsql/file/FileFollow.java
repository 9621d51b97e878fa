package io.xsql.file;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.EventTime;
import io.xsql.spi.LookupBatch;
import io.xsql.spi.FilterOp;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A JSON Lines file with {@code follow: true} as a stream, for {@code SELECT STREAM}: its lines from the
 * start, then each line as it is written, until the query is canceled, closed or times out
 * ({@link FollowInput}). Filters are evaluated as for a plain scan of the file.
 */
final class FileFollow implements DataTable {
  private final FileConfig config;
  private final FileSchema schema;

  FileFollow(FileConfig config, FileSchema schema) {
    this.config = config;
    this.schema = schema;
  }

  @Override
  public List<Column> columns() {
    return schema.columns();
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    FileScan scan = FileScan.of(config, schema, request);
    Path file = config.files().files().get(0);
    ScanContext context = request.context();
    try {
      FollowInput in = new FollowInput(file, context::isCanceled);
      return new FileCursor(scan, 0, file, JsonlReader.following(config, schema, file, scan.converted(), in));
    } catch (IOException e) {
      throw new SourceException(ErrorCode.IO, "source '" + config.source() + "': cannot read " + file, e);
    }
  }

  @Override
  public boolean canFilter(int column, FilterOp op) {
    return true;
  }

  @Override
  public boolean canFilterAlternatives() {
    return true;
  }

  @Override
  public OptionalLong estimatedRowCount() {
    return OptionalLong.of(STREAM_ROWS);
  }

  /** A followed file's lookup joins batch as a stream's do by default. */
  @Override
  public Optional<LookupBatch> lookupBatch() {
    return Optional.of(LookupBatch.DEFAULT);
  }

  @Override
  public EventTime eventTime() {
    return config.eventTime();
  }

  @Override
  public String describe() {
    return "jsonl " + config.location() + config.eventTime().describe() + ", following";
  }
}
