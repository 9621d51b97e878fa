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
 * Reads a large uncompressed JSON Lines file on all cores: the file is cut into chunks of about a
 * megabyte (a JSON Lines record never spans a line, so any line start is a safe cut), parsed, filtered and
 * projected in parallel, and handed out in file order. A few chunks are in flight at a time, so memory
 * stays bounded whatever the file's size.
 */
final class JsonlChunks implements RowCursor {
  /** Bytes per chunk: small enough to bound memory, large enough to keep hand-over costs low. */
  static final long CHUNK = 1 << 20;
  private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(WORKERS,
      DaemonThreads.named("xsql-file-scan"));

  /** What one chunk produced: its rows, or the failure that stopped it after them. */
  private record Chunk(List<Object[]> rows, SourceException failure) {}

  private final FileScan scan;
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
  private Iterator<Object[]> rows = List.<Object[]>of().iterator();
  private SourceException pendingFailure;
  private Object[] current;

  /**
   * Opens a parallel scan of one file.
   *
   * @param index the file's index in the source
   * @param chunkBytes the chunk size; {@link #CHUNK} but in tests
   */
  JsonlChunks(FileScan scan, int index, Path file, long chunkBytes) throws IOException {
    this(scan, index, file, chunkBytes, 0, Long.MAX_VALUE);
  }

  /**
   * Opens a parallel scan of the records of one file whose lines start in a byte range (for a part of a
   * table read on its own): chunks cut any range the same way, so ranges side by side read each record once.
   *
   * @param start the range's first byte
   * @param end the byte after the range, at most the file's size
   */
  JsonlChunks(FileScan scan, int index, Path file, long chunkBytes, long start, long end) throws IOException {
    this.scan = scan;
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
      inFlight.addLast(POOL.submit(() -> read(from, to)));
    }
  }

  private Chunk read(long start, long end) {
    List<Object[]> out = new ArrayList<>();
    JsonlReader reader = JsonlReader.range(scan.config(), scan.schema(), file, scan.converted(), channel, start,
        end);
    // With an aggregation, the chunk's rows are counted here, on the chunk's thread, into the groups of its runs.
    try (RowCursor cursor = scan.rows(new FileCursor(scan, index, file, reader))) {
      while (!closed.get() && cursor.next()) {
        out.add(cursor.current());
      }
      return new Chunk(out, null);
    } catch (SourceException e) {
      return new Chunk(out, e);
    } catch (UncheckedIOException e) {
      return new Chunk(out, FileInputs.unreadable(file, e.getCause()));
    }
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
