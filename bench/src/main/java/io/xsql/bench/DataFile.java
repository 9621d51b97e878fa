package io.xsql.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A data file a suite generates once and keeps for later runs: written beside its place and moved there when
 * complete, so that a run stopped while writing leaves no half file to be taken as whole.
 */
final class DataFile {
  /** What writes the file's text. */
  interface Body {
    void write(BufferedWriter out) throws IOException;
  }

  private DataFile() {}

  /** The file, written by {@code body} if it is not there yet. */
  static Path once(Path file, Body body) throws IOException {
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      body.write(out);
    }
    return Files.move(partial, file);
  }

  /** The folder, empty: what was in it is deleted, and it is made if missing. */
  static Path emptyFolder(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }
}
