package io.xsql.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A file read as it grows ({@code follow: true}): at its end, a read waits for more bytes instead of ending,
 * so that a line written in two parts is read as one. A file renamed away (rotation) is read to its end, then
 * the new file at the path from its start; a file truncated in place is read again from its start. A read
 * fails with {@link InterruptedIOException} once {@code stop} says so (the query was canceled or timed out),
 * which it asks every {@link #WAIT_MILLIS}, and ends as at the end of a file once the input is closed.
 */
final class FollowInput extends InputStream {
  /** How long one wait for more bytes lasts: the longest a cancel or close waits to be noticed. */
  static final long WAIT_MILLIS = 100;

  private final Path path;
  private final BooleanSupplier stop;
  private FileChannel channel;
  private Object fileKey;
  private volatile boolean closed;

  FollowInput(Path path, BooleanSupplier stop) throws IOException {
    this.path = path;
    this.stop = stop;
    open();
  }

  private void open() throws IOException {
    channel = FileChannel.open(path, StandardOpenOption.READ);
    fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (!closed) {
      if (stop.getAsBoolean()) {
        throw new InterruptedIOException("the query was canceled while following " + path);
      }
      int n;
      try {
        n = channel.read(ByteBuffer.wrap(b, off, len));
      } catch (IOException e) {
        // Closed by another thread (the query was closed) while this one read: the end.
        if (closed) {
          return -1;
        }
        throw e;
      }
      if (n > 0) {
        return n;
      }
      if (!reopened()) {
        try {
          Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
      }
    }
    return -1;
  }

  /** At the end of the file: whether the path now holds another file, or the file shrank, and reading restarted. */
  private boolean reopened() throws IOException {
    Object key;
    try {
      key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      // Renamed away, its successor not created yet.
      return false;
    }
    if (!Objects.equals(key, fileKey)) {
      channel.close();
      open();
      return true;
    }
    if (channel.size() < channel.position()) {
      channel.position(0);
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    channel.close();
  }
}
