package io.xsql.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Re-encodes the text of a reader as UTF-8 bytes, for readers of bytes given text in another encoding. */
final class Utf8Transcoder extends InputStream {
  private final Reader reader;
  private final char[] chars = new char[1 << 14];
  /** Characters held back: a high surrogate whose pair comes with the next read. */
  private int carried;
  private byte[] bytes = new byte[0];
  private int next;
  private boolean done;

  Utf8Transcoder(Reader reader) {
    this.reader = reader;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (next == bytes.length) {
      if (done) {
        return -1;
      }
      int n = reader.read(chars, carried, chars.length - carried);
      if (n < 0) {
        done = true;
        // Valid text carries nothing over its end; whatever is carried is encoded as it stands.
        bytes = new String(chars, 0, carried).getBytes(StandardCharsets.UTF_8);
        next = 0;
        carried = 0;
        continue;
      }
      int total = carried + n;
      if (total == 0) {
        continue;
      }
      int upTo = Character.isHighSurrogate(chars[total - 1]) ? total - 1 : total;
      bytes = new String(chars, 0, upTo).getBytes(StandardCharsets.UTF_8);
      next = 0;
      carried = total - upTo;
      if (carried > 0) {
        chars[0] = chars[upTo];
      }
    }
    int n = Math.min(len, bytes.length - next);
    System.arraycopy(bytes, next, b, off, n);
    next += n;
    return n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
