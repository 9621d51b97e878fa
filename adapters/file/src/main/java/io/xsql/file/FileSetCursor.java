package io.xsql.file;

import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.TablePart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Reads the files of a source one after the other as one table: passes over files the {@code _file}
 * filters rule out, reads a large uncompressed JSON Lines or CSV file in parallel chunks, stops at the
 * limit, and reports what {@code on_error} set aside once the scan ends. With an aggregation, each file or chunk
 * returns the partial groups of its runs ({@link FileScan#rows}), which {@link FileGroups#merging} adds up.
 */
final class FileSetCursor implements RowCursor {
  /**
   * A file of the source to read, or a byte range of it (records whose lines start in it).
   *
   * @param index the file's index in the source
   * @param start the range's first byte
   * @param end the byte after the range, or {@link TablePart#TO_END}
   */
  record Piece(int index, long start, long end) {
    boolean isWhole() {
      return start == 0 && end == TablePart.TO_END;
    }
  }

  private final FileScan scan;
  private final List<Path> files;
  private final List<Piece> pieces;
  private final ScanContext context;
  private final long limit;
  private final long chunkBytes;
  private int nextPiece;
  private Optional<RowCursor> file = Optional.empty();
  private long returned;
  private boolean ended;

  /**
   * A scan of all the source's files.
   *
   * @param chunkBytes the size of parallel chunks; {@link FileChunks#CHUNK} but in tests
   */
  FileSetCursor(FileScan scan, ScanContext context, long limit, long chunkBytes) {
    this(scan, context, limit, chunkBytes, IntStream.range(0, scan.config().files().files().size())
        .mapToObj(i -> new Piece(i, 0, TablePart.TO_END)).toList());
  }

  /** A scan of some of the source's files or byte ranges of them, in the order given. */
  FileSetCursor(FileScan scan, ScanContext context, long limit, long chunkBytes, List<Piece> pieces) {
    this.scan = scan;
    this.files = scan.config().files().files();
    this.pieces = List.copyOf(pieces);
    this.context = context;
    this.limit = limit;
    this.chunkBytes = chunkBytes;
  }

  @Override
  public boolean next() {
    if (returned >= limit) {
      end();
      return false;
    }
    while (true) {
      if (file.isEmpty() && !openNext()) {
        end();
        return false;
      }
      if (file.get().next()) {
        returned++;
        return true;
      }
      file.get().close();
      file = Optional.empty();
    }
  }

  private boolean openNext() {
    FileConfig config = scan.config();
    while (nextPiece < pieces.size()) {
      Piece piece = pieces.get(nextPiece++);
      int index = piece.index();
      Path path = files.get(index);
      if (!scan.mayMatch(config.files().name(path))) {
        continue;
      }
      try {
        // Chunks pay off from a few of them on.
        Optional<ChunkedFormat> chunked = config.format().reader() instanceof ChunkedFormat c && c.canChunk(config)
            ? Optional.of(c) : Optional.empty();
        if (!piece.isWhole()) {
          file = Optional.of(new FileChunks(scan, chunked.orElseThrow(), index, path, chunkBytes, piece.start(),
              piece.end()));
        } else if (chunked.isPresent() && FileInputs.isPlain(path) && Files.size(path) >= 4 * chunkBytes) {
          file = Optional.of(new FileChunks(scan, chunked.get(), index, path, chunkBytes));
        } else {
          RecordReader reader = config.format().reader().open(config, scan.schema(), path, scan.converted());
          file = Optional.of(scan.rows(new FileCursor(scan, index, path, reader)));
        }
      } catch (IOException e) {
        throw FileInputs.unreadable(path, e);
      } catch (UncheckedIOException e) {
        throw FileInputs.unreadable(path, e.getCause());
      }
      return true;
    }
    return false;
  }

  @Override
  public Object[] current() {
    return file.orElseThrow().current();
  }

  @Override
  public String position() {
    return file.map(RowCursor::position).orElse(scan.config().location().toString());
  }

  /** Reports what was set aside, once, when the rows end or the scan stops early. */
  private void end() {
    if (!ended) {
      ended = true;
      scan.errors().report(context);
    }
  }

  @Override
  public void close() {
    try {
      file.ifPresent(RowCursor::close);
      file = Optional.empty();
    } finally {
      end();
    }
  }
}
