package io.xsql.file;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Opens data files for reading: decompressed, past a byte order mark; and says why one cannot be read. */
final class FileInputs {
  private FileInputs() {}

  /** The error for a file that cannot be read, saying why in words. */
  static SourceException unreadable(Path path, IOException e) {
    String why = e instanceof NoSuchFileException ? "file not found"
        : e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileCompression.DamagedDataException ? e.getMessage()
        : e.toString();
    ErrorCode code = e instanceof FileCompression.DamagedDataException ? ErrorCode.DATA : ErrorCode.IO;
    return new SourceException(code, "cannot read " + path + ": " + why, e);
  }

  /** The 1-based number of the line holding byte {@code offset} of an uncompressed file. */
  static long lineAt(Path path, long offset) {
    long line = 1;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(path)) {
      long read = 0;
      while (read < offset) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - read));
        if (n < 0) {
          break;
        }
        for (int i = Bytes.newline(buffer, 0, n); i >= 0; i = Bytes.newline(buffer, i + 1, n)) {
          line++;
        }
        read += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return line;
  }

  /** Whether the file is stored uncompressed, so that its bytes can be read at any offset. */
  static boolean isPlain(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return FileCompression.of(in.readNBytes(FileCompression.MAGIC_LENGTH)) == FileCompression.NONE;
    } catch (IOException e) {
      // The read that follows reports it.
      return false;
    }
  }

  /**
   * Opens a data file for reading: decompressed if it is compressed, past a UTF-8 byte order mark.
   *
   * @throws IOException also if the name promises a compression the bytes do not have
   */
  static InputStream open(Path path) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    try {
      raw.mark(FileCompression.MAGIC_LENGTH);
      FileCompression compression = FileCompression.of(raw.readNBytes(FileCompression.MAGIC_LENGTH));
      raw.reset();
      Optional<FileCompression> named = FileCompression.named(path);
      if (named.isPresent() && named.get() != compression) {
        throw new SourceException(ErrorCode.DATA, path + ": the name ends in " + named.get().extension()
            + " but the file is not " + named.get().name().toLowerCase(Locale.ROOT) + "-compressed");
      }
      InputStream in = compression == FileCompression.NONE ? raw
          : new BufferedInputStream(compression.decompress(raw), 1 << 16);
      in.mark(3);
      byte[] bom = in.readNBytes(3);
      if (!(bom.length == 3 && (bom[0] & 0xff) == 0xef && (bom[1] & 0xff) == 0xbb && (bom[2] & 0xff) == 0xbf)) {
        in.reset();
      }
      return in;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
