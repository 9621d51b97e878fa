package io.xsql.file;

import io.xsql.spi.DaemonThreads;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a large uncompressed JSON Lines or CSV file on all cores: the file is cut into chunks of about a
 * megabyte, parsed, filtered and projected in parallel, and handed out in file order. A few chunks are in
 * flight at a time, so memory stays bounded whatever the file's size.
 *
 * <p>A chunk's records start at its first line start ({@link ChunkedFormat#openRange}). A JSON Lines record
 * never spans a line, so that is always right. A CSV value in quotes may hold line breaks, so a chunk may
 * start inside one: each chunk tells where its first record started and where the next chunk's should,
 * and a chunk that did not start where the one before it ended is read again from there, on the caller's
 * thread (its rows and errors dropped). Files whose values hold no line breaks never need that.
 */
final class FileChunks implements RowCursor {
  /** Bytes per chunk: small enough to bound memory, large enough to keep hand-over costs low. */
  static final long CHUNK = 1 << 20;
  private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(WORKERS,
      DaemonThreads.named("xsql-file-scan"));

  /**
   * What one chunk produced: its rows, or the failure that stopped it after them, and where its first
   * record and the next chunk's start ({@link RangeReader}).
   */
  private record Chunk(List<Object[]> rows, SourceException failure, long firstRecord, long nextRecord) {}

  private final FileScan scan;
  private final ChunkedFormat format;
  private final int index;
  private final Path file;
  private final FileChannel channel;
  /** The byte range read: whole chunks from {@code first}, the last one ending at {@code end}. */
  private final long first;
  private final long end;
  private final long chunkBytes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
  private long nextChunk;
  /** The chunks handed out so far; each but the first is checked against where the one before ended. */
  private long handedOut;
  /** Where the record after the last chunk handed out starts. */
  private long nextRecord;
  private Iterator<Object[]> rows = List.<Object[]>of().iterator();
  private SourceException pendingFailure;
  private Object[] current;

  /**
   * Opens a parallel scan of one file.
   *
   * @param index the file's index in the source
   * @param chunkBytes the chunk size; {@link #CHUNK} but in tests
   */
  FileChunks(FileScan scan, ChunkedFormat format, int index, Path file, long chunkBytes) throws IOException {
    this(scan, format, index, file, chunkBytes, 0, Long.MAX_VALUE);
  }

  /**
   * Opens a parallel scan of the records of one file whose lines start in a byte range (for a part of a
   * table read on its own): chunks cut any range the same way, so ranges side by side read each record once.
   *
   * @param start the range's first byte
   * @param end the byte after the range, at most the file's size
   */
  FileChunks(FileScan scan, ChunkedFormat format, int index, Path file, long chunkBytes, long start, long end)
      throws IOException {
    this.scan = scan;
    this.format = format;
    this.index = index;
    this.file = file;
    this.chunkBytes = chunkBytes;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.first = start;
    this.end = Math.min(end, channel.size());
  }

  @Override
  public boolean next() {
    while (!rows.hasNext()) {
      if (pendingFailure != null) {
        throw pendingFailure;
      }
      fillWindow();
      if (inFlight.isEmpty()) {
        return false;
      }
      Chunk chunk = await(inFlight.removeFirst());
      long to = Math.min(end, first + ++handedOut * chunkBytes);
      if (handedOut > 1 && chunk.firstRecord() != nextRecord) {
        // The chunk guessed its first record wrong: a quoted value held the line break it started after.
        chunk = nextRecord >= to ? new Chunk(List.of(), null, nextRecord, nextRecord) : read(nextRecord, true, to);
      }
      nextRecord = chunk.nextRecord();
      rows = chunk.rows().iterator();
      pendingFailure = chunk.failure();
    }
    current = rows.next();
    return true;
  }

  /** Keeps twice as many chunks in flight as there are workers, so that none waits for work. */
  private void fillWindow() {
    while (inFlight.size() < 2 * WORKERS && first + nextChunk * chunkBytes < end && !closed.get()) {
      long from = first + nextChunk++ * chunkBytes;
      long to = Math.min(end, from + chunkBytes);
      inFlight.addLast(POOL.submit(() -> read(from, false, to)));
    }
  }

  /** Reads the records starting in {@code [start, end)}, from {@code start} if {@code atRecord}. */
  private Chunk read(long start, boolean atRecord, long end) {
    List<Object[]> out = new ArrayList<>();
    RangeReader reader;
    try {
      reader = format.openRange(scan.config(), scan.schema(), file, scan.converted(), channel, start, atRecord,
          end);
    } catch (IOException e) {
      return new Chunk(out, FileInputs.unreadable(file, e), RangeReader.END, RangeReader.END);
    }
    // With an aggregation, the chunk's rows are counted here, on the chunk's thread, into the groups of its runs.
    SourceException failure = null;
    try (RowCursor cursor = scan.rows(new FileCursor(scan, index, file, reader))) {
      while (!closed.get() && cursor.next()) {
        out.add(cursor.current());
      }
    } catch (SourceException e) {
      failure = e;
    } catch (UncheckedIOException e) {
      failure = FileInputs.unreadable(file, e.getCause());
    }
    return new Chunk(out, failure, reader.firstRecord(), reader.nextRecord());
  }

  private Chunk await(Future<Chunk> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(ErrorCode.CANCELED, "interrupted while reading " + file, e);
    } catch (ExecutionException | CancellationException e) {
      throw new SourceException(ErrorCode.INTERNAL, "reading " + file + " failed: " + e, e);
    }
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public String position() {
    return file.toString();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      inFlight.forEach(f -> f.cancel(false));
      // A chunk still running reads from the channel; wait for it before closing the channel under it.
      for (Future<Chunk> f : inFlight) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
          // Ending anyway.
        }
      }
      inFlight.clear();
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
