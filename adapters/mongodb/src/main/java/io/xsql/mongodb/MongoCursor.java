package io.xsql.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.util.List;
import java.util.Optional;
import org.bson.RawBsonDocument;

/**
 * The rows of one {@code find} or pipeline, read lazily: the query goes to the server on the first {@link #next()}, so
 * that a server that is down fails the query's first read, not its planning. A cancel closes the server
 * cursor from the canceling thread; reads check the query's flag between documents.
 */
final class MongoCursor implements RowCursor {
  /** Documents per batch: large enough to keep round trips rare, small enough to keep memory flat. */
  static final int BATCH_SIZE = 1000;

  private final MongoTable table;
  private final MongoCollection<RawBsonDocument> collection;
  /** The queries whose results follow one another (one, unless nulls must come where MongoDB cannot sort them). */
  private final List<MongoQuery> queries;
  private final long limit;
  private final MongoDecoder rows;
  private final ScanContext context;
  private volatile com.mongodb.client.MongoCursor<RawBsonDocument> cursor;
  private AutoCloseable cancelHandle;
  private Object[] current;
  /** The next query to send. */
  private int next;
  /** Documents read from all queries, against the limit. */
  private long read;
  /** Rows returned. */
  private long returned;
  private boolean ended;
  private boolean closed;

  MongoCursor(MongoTable table, MongoCollection<RawBsonDocument> collection, List<MongoQuery> queries,
      MongoDecoder rows, ScanContext context) {
    this.table = table;
    this.collection = collection;
    this.queries = List.copyOf(queries);
    this.limit = queries.get(0).limit().orElse(Long.MAX_VALUE);
    this.rows = rows;
    this.context = context;
  }

  @Override
  public boolean next() {
    if (closed) {
      return false;
    }
    checkCanceled(null);
    try {
      while (read < limit) {
        if (cursor == null) {
          if (next == queries.size()) {
            break;
          }
          if (cancelHandle == null) {
            cancelHandle = context.onCancel(this::closeServerCursor);
          }
          cursor = queries.get(next++).open(collection, BATCH_SIZE, context.millisLeft()).iterator();
          checkCanceled(null);
        }
        if (!cursor.hasNext()) {
          cursor.close();
          cursor = null;
          continue;
        }
        RawBsonDocument document = cursor.next();
        read++;
        Optional<Object[]> row = rows.decode(document);
        if (row.isPresent()) {
          current = row.get();
          returned++;
          return true;
        }
        checkCanceled(null);
      }
      Optional<Object[]> last = ended ? Optional.empty() : rows.last(returned);
      ended = true;
      rows.report(context);
      if (last.isPresent()) {
        current = last.get();
        return true;
      }
      return false;
    } catch (MongoException | IllegalStateException e) {
      checkCanceled(e);
      if (e instanceof MongoException m) {
        throw MongoErrors.translate(table.config(), "reading collection '" + table.collection() + "'", m);
      }
      throw e;
    }
  }

  private void checkCanceled(RuntimeException cause) {
    if (context.isCanceled()) {
      throw new SourceException(ErrorCode.CANCELED, table.where() + ": the query was canceled", cause);
    }
  }

  /** Runs on the canceling thread: the reading thread's next read fails, and the engine reports the cancel. */
  private void closeServerCursor() {
    com.mongodb.client.MongoCursor<RawBsonDocument> c = cursor;
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        // The cursor may be mid-read on the other thread; the flag is up, so that read ends the scan.
      }
    }
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public String position() {
    return table.where();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    rows.report(context);
    try {
      if (cancelHandle != null) {
        cancelHandle.close();
      }
    } catch (Exception e) {
      throw new SourceException(ErrorCode.INTERNAL, table.where() + ": while closing the cursor", e);
    } finally {
      if (cursor != null) {
        try {
          cursor.close();
        } catch (MongoException e) {
          // The cursor dies with its connection anyway; nothing the query could act on.
        }
      }
    }
  }
}
