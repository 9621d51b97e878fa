package io.xsql.file;

import io.xsql.spi.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one source: a file, every file of a folder (not below it, hidden ones left out), or the files
 * a glob matches ({@code data/2024-*.jsonl}, {@code logs/**.jsonl.gz}), in name order.
 *
 * @param location the path as the catalog gave it, resolved, for messages
 * @param root the folder file names are relative to (the file's folder, the folder, or the glob's fixed part)
 * @param files the files
 */
record FileSet(Path location, Path root, List<Path> files) {

  /** Resolves the {@code path} setting; fails naming the key if nothing is there or nothing matches. */
  static FileSet resolve(Options o) {
    Path location = o.path("path").orElseThrow(() -> o.error("path", "is required"));
    String text = location.toString();
    int wildcard = firstWildcard(text);
    if (wildcard < 0) {
      if (Files.isRegularFile(location)) {
        if (!Files.isReadable(location)) {
          throw o.error("path", "file is not readable: " + location);
        }
        return new FileSet(location, location.getParent(), List.of(location));
      }
      if (Files.isDirectory(location)) {
        List<Path> files = list(location, 1, p -> !p.getFileName().toString().startsWith("."));
        if (files.isEmpty()) {
          throw o.error("path", "the folder " + location + " has no files");
        }
        return new FileSet(location, location, files);
      }
      throw o.error("path", "file not found: " + location);
    }
    // The resolved path keeps wildcards as written: the folders before the first one are fixed, the rest
    // is a glob matched against the paths below them.
    int slash = text.lastIndexOf('/', wildcard);
    Path root = Path.of(slash <= 0 ? "/" : text.substring(0, slash));
    String pattern = text.substring(slash + 1);
    if (!Files.isDirectory(root)) {
      throw o.error("path", "folder not found: " + root);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    int depth = pattern.contains("**") ? Integer.MAX_VALUE : pattern.split("/").length;
    List<Path> files = list(root, depth, p -> matcher.matches(root.relativize(p)));
    if (files.isEmpty()) {
      throw o.error("path", "no file matches " + location);
    }
    return new FileSet(location, root, files);
  }

  private static int firstWildcard(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  private static List<Path> list(Path root, int depth, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> paths = Files.walk(root, depth)) {
      List<Path> out = new ArrayList<>(paths.filter(Files::isRegularFile).filter(keep).toList());
      out.sort(Comparator.comparing(Path::toString));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's name relative to the root, with forward slashes: the value of the {@code _file} column. */
  String name(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** The file's path, size and modification time, of every file: equal versions mean unchanged data. */
  List<Object> version() throws IOException {
    List<Object> out = new ArrayList<>();
    for (Path f : files) {
      out.add(List.of(f, Files.size(f), Files.getLastModifiedTime(f)));
    }
    return out;
  }

  /** The total size of the files. */
  long size() throws IOException {
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    return total;
  }
}
