package io.xsql.file;

import java.io.Closeable;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts (key hash, record offset) entries by hash, unsigned, in bounded memory whatever their number:
 * entries gather in fixed arrays, each full run is sorted and written to a temporary file, and the runs are
 * merged when the entries are written out. Entries of equal hashes keep the order they came in.
 */
final class FileIndexSorter implements Closeable {
  /** Entries per run: 4 arrays of them take 8 MB. */
  static final int RUN = 1 << 18;
  /** Bytes of read buffers the merge shares among the runs. */
  private static final int MERGE_MEMORY = 8 << 20;
  private static final int ENTRY = 16;

  private final Path dir;
  private long[] hashes;
  private long[] offsets;
  private long[] hashScratch;
  private long[] offsetScratch;
  private int size;
  private long count;
  private Path spillPath;
  private FileChannel spill;
  /** Where each spilled run starts in the spill file, in entries; one more at the end. */
  private final List<Long> runStarts = new ArrayList<>(List.of(0L));

  /**
   * A sorter whose runs hold {@code runSize} entries.
   *
   * @param dir where the temporary file of runs goes (beside the index, on the same disk)
   */
  FileIndexSorter(Path dir, int runSize) {
    this.dir = dir;
    this.hashes = new long[runSize];
    this.offsets = new long[runSize];
    this.hashScratch = new long[runSize];
    this.offsetScratch = new long[runSize];
  }

  void add(long hash, long offset) throws IOException {
    if (size == hashes.length) {
      spillRun();
    }
    hashes[size] = hash;
    offsets[size] = offset;
    size++;
    count++;
  }

  /** How many entries were added. */
  long count() {
    return count;
  }

  /** Writes all entries, sorted, as pairs of longs (hash, offset). */
  void writeTo(DataOutput out) throws IOException {
    if (spill == null) {
      sortRun();
      for (int i = 0; i < size; i++) {
        out.writeLong(hashes[i]);
        out.writeLong(offsets[i]);
      }
      return;
    }
    if (size > 0) {
      spillRun();
    }
    merge(out);
  }

  private void spillRun() throws IOException {
    if (spill == null) {
      spillPath = Files.createTempFile(dir, "runs-", ".tmp");
      spill = FileChannel.open(spillPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    sortRun();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    for (int i = 0; i < size; i++) {
      if (!buffer.hasRemaining()) {
        drain(buffer);
      }
      buffer.putLong(hashes[i]).putLong(offsets[i]);
    }
    drain(buffer);
    runStarts.add(runStarts.get(runStarts.size() - 1) + size);
    size = 0;
  }

  private void drain(ByteBuffer buffer) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      spill.write(buffer);
    }
    buffer.clear();
  }

  /** Sorts the entries in memory: a stable radix sort of the hashes, a byte at a time, unsigned. */
  private void sortRun() {
    int[] counts = new int[257];
    for (int shift = 0; shift < 64; shift += 8) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < size; i++) {
        counts[(int) (hashes[i] >>> shift & 0xff) + 1]++;
      }
      if (counts[(int) (hashes[0] >>> shift & 0xff) + 1] == size) {
        continue; // one byte value throughout: this pass would change nothing
      }
      for (int b = 0; b < 256; b++) {
        counts[b + 1] += counts[b];
      }
      for (int i = 0; i < size; i++) {
        int to = counts[(int) (hashes[i] >>> shift & 0xff)]++;
        hashScratch[to] = hashes[i];
        offsetScratch[to] = offsets[i];
      }
      long[] t = hashes;
      hashes = hashScratch;
      hashScratch = t;
      t = offsets;
      offsets = offsetScratch;
      offsetScratch = t;
    }
  }

  private void merge(DataOutput out) throws IOException {
    int runs = runStarts.size() - 1;
    int bufferBytes = Math.max(4096, Math.min(1 << 20, MERGE_MEMORY / runs)) / ENTRY * ENTRY;
    PriorityQueue<Run> queue = new PriorityQueue<>(runs, Comparator.<Run, Long>comparing(r -> r.hash,
        Long::compareUnsigned).thenComparingInt(r -> r.index));
    for (int r = 0; r < runs; r++) {
      Run run = new Run(r, runStarts.get(r), runStarts.get(r + 1), bufferBytes);
      if (run.advance()) {
        queue.add(run);
      }
    }
    while (!queue.isEmpty()) {
      Run run = queue.poll();
      out.writeLong(run.hash);
      out.writeLong(run.offset);
      if (run.advance()) {
        queue.add(run);
      }
    }
  }

  /** One spilled run being merged: its current entry and a buffer of those after it. */
  private final class Run {
    final int index;
    final ByteBuffer buffer;
    long next;
    final long end;
    long hash;
    long offset;

    Run(int index, long start, long end, int bufferBytes) {
      this.index = index;
      this.next = start;
      this.end = end;
      this.buffer = ByteBuffer.allocate(bufferBytes);
      buffer.flip();
    }

    boolean advance() throws IOException {
      if (!buffer.hasRemaining()) {
        if (next == end) {
          return false;
        }
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), (end - next) * ENTRY));
        long position = next * ENTRY;
        while (buffer.hasRemaining()) {
          if (spill.read(buffer, position + buffer.position()) < 0) {
            throw new IOException("the run file " + spillPath + " ended early");
          }
        }
        buffer.flip();
        next += buffer.remaining() / ENTRY;
      }
      hash = buffer.getLong();
      offset = buffer.getLong();
      return true;
    }
  }

  /** Deletes the temporary file of runs. */
  @Override
  public void close() throws IOException {
    if (spill != null) {
      spill.close();
      Files.deleteIfExists(spillPath);
    }
  }
}
