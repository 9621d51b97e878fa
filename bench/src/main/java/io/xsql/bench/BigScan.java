package io.xsql.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A scan of a large JSON Lines file in a small heap: {@code BigScan DIR} counts rows of
 * {@code DIR/images.jsonl} through xsql and prints one {@link Measurement}.
 */
public final class BigScan {
  static final String SQL = "SELECT COUNT(*) FROM big WHERE image_type = 'gallery'";

  private BigScan() {}

  /**
   * Writes {@code dir/images.jsonl}: {@code source} repeated until it holds at least {@code bytes}, once
   * (a marker records the size written).
   *
   * @return the file's size
   */
  static long prepare(Path source, Path dir, long bytes) throws IOException {
    Path file = dir.resolve("images.jsonl");
    Path done = dir.resolve("complete");
    if (!Files.exists(done)) {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        long written = 0;
        while (written < bytes) {
          written += Files.copy(source, out);
        }
      }
      Files.writeString(done, "done\n");
    }
    return Files.size(file);
  }

  public static void main(String[] args) throws IOException, SQLException {
    Path dir = Path.of(args[0]);
    Path catalog = dir.resolve("xsql-catalog.yaml");
    Files.writeString(catalog, "sources:\n  big: { type: jsonl, path: images.jsonl }\n");
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
        Statement s = c.createStatement()) {
      long start = System.nanoTime();
      try (ResultSet rs = s.executeQuery(SQL)) {
        rs.next();
        long rows = rs.getLong(1);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.println(new Measurement(rows, ms, 0, Measurement.jvmPeakHeapMb(),
            Measurement.processPeakRssMb()).toLine());
      }
    }
  }
}
