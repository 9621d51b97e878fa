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
 * Reads a large uncompressed JSON Lines or CSV file on all cores: the file is cut into chunks, parsed,
 * filtered and projected in parallel, and handed out in file order. A few chunks are in flight at a time,
 * each of at most {@link #CHUNK} bytes and, from the rows per byte of the chunks before, about {@link
 * #CHUNK_ROWS} rows, so memory stays bounded whatever the file's size or the length of its records.
 *
 * <p>A chunk's records start at its first line start ({@link ChunkedFormat#openRange}). A JSON Lines record
 * never spans a line, so that is always right. A CSV value in quotes may hold line breaks, so a chunk may
 * start inside one: each chunk tells where its first record started and where the next chunk's should,
 * and a chunk that did not start where the one before it ended is read again from there, on the caller's
 * thread (its rows and errors dropped). Files whose values hold no line breaks never need that.
 */
final class FileChunks implements RowCursor {
  /** The most bytes per chunk: small enough to bound memory, large enough to keep hand-over costs low. */
  static final long CHUNK = 1 << 20;
  /**
   * The rows a chunk is sized for once the rows per byte are known: short records (10 bytes of CSV) made
   * 100,000 rows of a megabyte, and five such chunks held did not fit a heap of 32 MiB.
   */
  static final long CHUNK_ROWS = 8192;
  /** The bytes of the first chunks, before any was read. */
  private static final long FIRST_CHUNK = 64 << 10;
  private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(WORKERS,
      DaemonThreads.named("xsql-file-scan"));

  /**
   * What one chunk produced: its rows, or the failure that stopped it after them, and where its first
   * record and the next chunk's start ({@link RangeReader}).
   */
  private record Chunk(List<Object[]> rows, SourceException failure, long firstRecord, long nextRecord) {}

  /** A chunk being read, of the records starting in {@code [from, to)}. */
  private record Pending(Future<Chunk> chunk, long from, long to) {}

  private final FileScan scan;
  private final ChunkedFormat format;
  private final int index;
  private final Path file;
  private final FileChannel channel;
  /** The byte range read: chunks from {@code first}, the last one ending at {@code end}. */
  private final long first;
  private final long end;
  private final long chunkBytes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Deque<Pending> inFlight = new ArrayDeque<>();
  /** Where the next chunk to read starts. */
  private long nextChunk;
  /** The bytes and rows of the chunks handed out so far, which size the next ones. */
  private long bytesHandedOut;
  private long rowsHandedOut;
  /** Where the record after the last chunk handed out starts; each chunk after the first is checked on it. */
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
    this.nextChunk = start;
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
      Pending pending = inFlight.removeFirst();
      Chunk chunk = await(pending.chunk());
      if (pending.from() > first && chunk.firstRecord() != nextRecord) {
        // The chunk guessed its first record wrong: a quoted value held the line break it started after.
        chunk = nextRecord >= pending.to() ? new Chunk(List.of(), null, nextRecord, nextRecord)
            : read(nextRecord, true, pending.to());
      }
      nextRecord = chunk.nextRecord();
      bytesHandedOut += pending.to() - pending.from();
      rowsHandedOut += chunk.rows().size();
      rows = chunk.rows().iterator();
      pendingFailure = chunk.failure();
    }
    current = rows.next();
    return true;
  }

  /** Keeps twice as many chunks in flight as there are workers, so that none waits for work. */
  private void fillWindow() {
    while (inFlight.size() < 2 * WORKERS && nextChunk < end && !closed.get()) {
      long from = nextChunk;
      long to = Math.min(end, from + nextChunkBytes());
      nextChunk = to;
      inFlight.addLast(new Pending(POOL.submit(() -> read(from, false, to)), from, to));
    }
  }

  /**
   * The bytes of the next chunk: {@link #CHUNK_ROWS} rows' worth at the rows per byte handed out so far,
   * from {@link #FIRST_CHUNK} to the most ({@link #CHUNK}, smaller in tests).
   */
  private long nextChunkBytes() {
    long least = Math.min(chunkBytes, FIRST_CHUNK);
    if (rowsHandedOut == 0) {
      // Nothing read yet, or filters that have kept no row so far.
      return bytesHandedOut == 0 ? least : chunkBytes;
    }
    return Math.max(least, Math.min(chunkBytes, bytesHandedOut * CHUNK_ROWS / rowsHandedOut));
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
    } catch (RangeReader.GuessedWrong e) {
      // No record starts at -1: the chunk is read again from where the one before it ended.
      return new Chunk(List.of(), null, -1, RangeReader.END);
    }
    return new Chunk(out, failure, reader.marks().first(), reader.marks().next());
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
      inFlight.forEach(p -> p.chunk().cancel(false));
      // A chunk still running reads from the channel; wait for it before closing the channel under it.
      for (Pending p : inFlight) {
        try {
          p.chunk().get();
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
