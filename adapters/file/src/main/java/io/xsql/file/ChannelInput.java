package io.xsql.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file channel from a position on with positional reads, so that several readers can share one
 * channel (the chunks of a parallel scan) and a reader can move to any offset (lookups through an index).
 */
final class ChannelInput extends InputStream {
  /**
   * The most bytes one read returns after a {@link #seek}: a record looked up is usually short and the
   * next one wanted may be far away, so reading the readers' whole buffer there would mostly be waste.
   */
  static final int SEEK_READ = 8192;

  private final FileChannel channel;
  private final boolean owned;
  private long position;
  private int maxRead = Integer.MAX_VALUE;

  /** Reads a channel someone else closes. */
  ChannelInput(FileChannel channel, long position) {
    this(channel, position, false);
  }

  private ChannelInput(FileChannel channel, long position, boolean owned) {
    this.channel = channel;
    this.position = position;
    this.owned = owned;
  }

  /** Opens an uncompressed file, positioned after its UTF-8 byte order mark if it has one; closing closes it. */
  static ChannelInput open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new ChannelInput(channel, firstByte(channel), true);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads a channel someone else closes from its first byte after a UTF-8 byte order mark, if it has one. */
  static ChannelInput atStart(FileChannel channel) throws IOException {
    return new ChannelInput(channel, firstByte(channel), false);
  }

  private static long firstByte(FileChannel channel) throws IOException {
    ByteBuffer bom = ByteBuffer.allocate(3);
    while (bom.hasRemaining() && channel.read(bom, bom.position()) > 0) {
      // Reads until three bytes or the end of the file.
    }
    boolean hasBom = bom.position() == 3 && (bom.get(0) & 0xff) == 0xef && (bom.get(1) & 0xff) == 0xbb
        && (bom.get(2) & 0xff) == 0xbf;
    return hasBom ? 3 : 0;
  }

  /** The file offset of the next byte read. */
  long position() {
    return position;
  }

  /** Goes on reading from {@code offset} of the file, in short reads (see {@link #SEEK_READ}). */
  void seek(long offset) {
    position = offset;
    maxRead = SEEK_READ;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = channel.read(ByteBuffer.wrap(b, off, Math.min(len, maxRead)), position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      channel.close();
    }
  }
}
