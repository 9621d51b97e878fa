package io.xsql.file;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * How a data file is compressed, told by its first bytes (a name can lie; the bytes cannot). A name ending
 * in a compression's extension must hold that compression, so that a mislabeled file fails clearly.
 */
enum FileCompression {
  NONE("", new byte[0]),
  GZIP(".gz", new byte[] {0x1f, (byte) 0x8b}),
  ZSTD(".zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
  BZIP2(".bz2", new byte[] {'B', 'Z', 'h'});

  /** The most magic bytes any compression needs. */
  static final int MAGIC_LENGTH = 4;

  private final String extension;
  private final byte[] magic;

  FileCompression(String extension, byte[] magic) {
    this.extension = extension;
    this.magic = magic;
  }

  /** The compression whose magic bytes begin {@code head}. */
  static FileCompression of(byte[] head) {
    for (FileCompression c : values()) {
      if (c != NONE && head.length >= c.magic.length
          && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
        return c;
      }
    }
    return NONE;
  }

  /** The compression a file's name promises, if its extension names one. */
  static Optional<FileCompression> named(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c != NONE && name.endsWith(c.extension)).findFirst();
  }

  /** The file name extension of this compression. */
  String extension() {
    return extension;
  }

  /**
   * Decompresses a stream positioned at the compressed data's first byte. Whatever goes wrong in the
   * decompressor becomes a {@link DamagedDataException} saying so.
   */
  InputStream decompress(InputStream in) throws IOException {
    try {
      return new Checked(switch (this) {
        case NONE -> in;
        case GZIP -> new GZIPInputStream(in, 1 << 16);
        case ZSTD -> new ZstdInputStream(in);
        // Parallel compressors (pbzip2, lbzip2) write several streams one after the other.
        case BZIP2 -> new BZip2CompressorInputStream(in, true);
      });
    } catch (IOException | RuntimeException e) {
      throw damaged(e);
    }
  }

  private DamagedDataException damaged(Exception e) {
    String kind = name().toLowerCase(Locale.ROOT);
    return new DamagedDataException(e instanceof EOFException
        ? "the " + kind + " data ends early (is the file truncated?)"
        : "the " + kind + " data is damaged: " + e.getMessage(), e);
  }

  /** Compressed data that cannot be decompressed. */
  static final class DamagedDataException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedDataException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A decompressing stream whose failures say that the data is damaged (some throw unchecked ones). */
  private final class Checked extends FilterInputStream {
    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException | RuntimeException e) {
        throw damaged(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        throw damaged(e);
      }
    }
  }
}
