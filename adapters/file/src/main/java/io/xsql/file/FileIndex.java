package io.xsql.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * An index of a data file's records by key, in a file mapped into memory: (64-bit hash of the key tuple,
 * byte offset of the record) pairs sorted by hash, found by a directory of where each range of hashes
 * starts (one sequential pass when the index opens) and a binary search within that range. It holds no row
 * and lives off
 * the heap; records are read from the data file and their keys checked, since hashes can collide.
 *
 * <p>The file starts with a header: a magic number, the data file's size and modification time when the
 * index was built, the number of entries and the key columns. An index whose header does not match the
 * data file as it is now is stale and rebuilt ({@link FileIndexWriter}).
 */
final class FileIndex {
  static final byte[] MAGIC = "XSQLIDX1".getBytes(StandardCharsets.US_ASCII);
  private static final int ENTRY = 16;
  /** Entries per mapped segment: one mapping holds at most 2 GB. */
  private static final int SEGMENT_BITS = 26;

  /**
   * The state of a data file an index was built from: equal stamps mean unchanged data.
   *
   * @param size the file's size in bytes
   * @param modified its modification time, in microseconds since 1970
   */
  record DataStamp(long size, long modified) {
    static DataStamp of(Path file) throws IOException {
      return new DataStamp(Files.size(file), Files.getLastModifiedTime(file).to(TimeUnit.MICROSECONDS));
    }
  }

  private final Path path;
  private final DataStamp stamp;
  private final long count;
  private final MappedByteBuffer[] segments;
  /** Bits of a hash that pick its directory range; about 32 entries per range, at most 65,536 ranges. */
  private final int bits;
  /** Where the entries of each range start, plus the entry count at the end. */
  private final long[] directory;

  private FileIndex(Path path, DataStamp stamp, long count, MappedByteBuffer[] segments) {
    this.path = path;
    this.stamp = stamp;
    this.count = count;
    this.segments = segments;
    // A binary search over the whole mapped file costs a page touched per probe; within a range of a
    // few entries it stays on one page.
    this.bits = Math.max(1, Math.min(16, 63 - Long.numberOfLeadingZeros(Math.max(2, count / 32))));
    this.directory = new long[(1 << bits) + 1];
    int range = 0;
    for (long i = 0; i < count; i++) {
      int of = (int) (hashAt(i) >>> (64 - bits));
      while (range <= of) {
        directory[range++] = i;
      }
    }
    while (range < directory.length) {
      directory[range++] = count;
    }
  }

  /** The header's bytes before the entries. */
  static int headerLength(String keys) {
    return MAGIC.length + 3 * Long.BYTES + Integer.BYTES + keys.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Opens and maps an index file if it is an index of these key columns built from the data file as
   * stamped; empty if there is none, or it is stale or damaged.
   *
   * @param keys the key columns, as the header names them
   */
  static Optional<FileIndex> open(Path path, DataStamp stamp, String keys) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      byte[] keyBytes = keys.getBytes(StandardCharsets.UTF_8);
      int headerLength = headerLength(keys);
      ByteBuffer header = ByteBuffer.allocate(headerLength);
      while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
        // Reads the whole header, or what there is of it.
      }
      if (header.hasRemaining()) {
        return Optional.empty();
      }
      header.flip();
      byte[] magic = new byte[MAGIC.length];
      header.get(magic);
      DataStamp built = new DataStamp(header.getLong(), header.getLong());
      long count = header.getLong();
      byte[] builtKeys = new byte[header.getInt()];
      if (!Arrays.equals(magic, MAGIC) || !built.equals(stamp) || builtKeys.length != keyBytes.length
          || count < 0 || channel.size() != headerLength + count * ENTRY) {
        return Optional.empty();
      }
      header.get(builtKeys);
      if (!Arrays.equals(builtKeys, keyBytes)) {
        return Optional.empty();
      }
      return Optional.of(new FileIndex(path, stamp, count, map(channel, headerLength, count)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static MappedByteBuffer[] map(FileChannel channel, long start, long count) throws IOException {
    long segmentEntries = 1L << SEGMENT_BITS;
    MappedByteBuffer[] out = new MappedByteBuffer[(int) ((count + segmentEntries - 1) / segmentEntries)];
    for (int s = 0; s < out.length; s++) {
      long first = s * segmentEntries;
      out[s] = channel.map(FileChannel.MapMode.READ_ONLY, start + first * ENTRY,
          Math.min(segmentEntries, count - first) * ENTRY);
    }
    return out;
  }

  /** The index file. */
  Path path() {
    return path;
  }

  /** Whether the index was built from the data file as stamped. */
  boolean isFor(DataStamp data) {
    return stamp.equals(data);
  }

  /** How many records the index holds (those whose key has no NULL). */
  long count() {
    return count;
  }

  /** Gives the offsets of the records whose key tuple hashes to {@code hash}, ascending. */
  void offsets(long hash, LongConsumer out) {
    int range = (int) (hash >>> (64 - bits));
    long low = directory[range];
    long high = directory[range + 1];
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (Long.compareUnsigned(hashAt(mid), hash) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    for (long i = low; i < count && hashAt(i) == hash; i++) {
      out.accept(longAt(i, Long.BYTES));
    }
  }

  private long hashAt(long entry) {
    return longAt(entry, 0);
  }

  private long longAt(long entry, int field) {
    MappedByteBuffer segment = segments[(int) (entry >>> SEGMENT_BITS)];
    return segment.getLong((int) (entry & ((1L << SEGMENT_BITS) - 1)) * ENTRY + field);
  }
}
