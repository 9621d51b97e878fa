package io.xsql.tck;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/** Writes the dataset as a file of one format and declares it in a catalog, types pinned. */
public final class FileFixture implements SourceFixture {
  private final String type;
  private final String extension;
  private final Writer writer;
  private final String settings;
  private final boolean gzip;

  /** Renders a dataset's rows in a file format. */
  private interface Writer {
    String write(List<String> names, List<Object[]> rows);
  }

  private FileFixture(String type, String extension, Writer writer, String settings) {
    this(type, extension, writer, settings, false);
  }

  private FileFixture(String type, String extension, Writer writer, String settings, boolean gzip) {
    this.type = type;
    this.extension = extension;
    this.writer = writer;
    this.settings = settings;
    this.gzip = gzip;
  }

  private FileFixture gzipped() {
    return new FileFixture(type, extension, writer, settings, true);
  }

  /** CSV with a header; strings always quoted, so that an empty string differs from NULL. */
  public static FileFixture csv() {
    return new FileFixture("csv", "csv", (names, rows) -> delimited(names, rows, ","), "");
  }

  /** Tab-separated values, with quoting turned on since the dataset holds a line break. */
  public static FileFixture tsv() {
    return new FileFixture("tsv", "tsv", (names, rows) -> delimited(names, rows, "\t"), "quote: '\"', ");
  }

  /** JSON Lines: one object per line, dates and timestamps as ISO strings. */
  public static FileFixture jsonl() {
    return new FileFixture("jsonl", "jsonl", FileFixture::jsonLines, "");
  }

  /** A JSON document holding the records in an array under a key, reached by a JSON pointer. */
  public static FileFixture json() {
    return new FileFixture("json", "json", (names, rows) -> "{\"meta\": {\"rows\": " + rows.size()
        + "}, \"data\": [\n" + String.join(",\n", jsonLines(names, rows).split("\n")) + "\n]}\n",
        "records: /data, ");
  }

  /** CSV compressed with gzip, which the reader recognises by its bytes. */
  public static FileFixture csvGzip() {
    return new FileFixture("csv", "csv.gz", (names, rows) -> delimited(names, rows, ","), "").gzipped();
  }

  /**
   * XML: a {@code <row>} element per row under {@code <rows>}, each value an attribute (an attribute can
   * hold an empty string, which an empty element, read as NULL, cannot), NULLs left out.
   */
  public static FileFixture xml() {
    return new FileFixture("xml", "xml", FileFixture::xmlRows, "records: /rows/row, ");
  }

  @Override
  public Connection connect(Dataset data, String table, Path dir) throws SQLException {
    Path file = dir.resolve(table + "." + extension);
    writeData(file, writer.write(data.names(), data.rows()));
    String columns = data.columns().stream().map(c -> c.name() + ": \"" + c.type() + "\"")
        .collect(Collectors.joining(", "));
    return connect(dir, table, file, "columns: { " + columns + " }");
  }

  @Override
  public Optional<Connection> connectBroken(String table, Path dir) throws SQLException {
    Path file = dir.resolve(table + "." + extension);
    writeData(file, writer.write(List.of("id", "name"), List.of(
        new Object[] {1, "fine"}, new Object[] {"abc", "broken"}, new Object[] {3, "fine"})));
    return Optional.of(connect(dir, table, file, "columns: { id: INTEGER, name: VARCHAR }"));
  }

  @Override
  public boolean pushesFilters() {
    return true;
  }

  private Connection connect(Path dir, String table, Path file, String extra) throws SQLException {
    Path catalog = dir.resolve(table + "-catalog.yaml");
    write(catalog, "sources:\n  " + table + ": { type: " + type + ", path: \"" + file.getFileName()
        + "\", " + settings + extra + " }\n");
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  private void writeData(Path file, String content) {
    if (!gzip) {
      write(file, content);
      return;
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String delimited(List<String> names, List<Object[]> rows, String delimiter) {
    StringBuilder b = new StringBuilder(String.join(delimiter, names)).append('\n');
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        b.append(i > 0 ? delimiter : "");
        Object v = row[i];
        if (v instanceof String s) {
          b.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else if (v instanceof BigDecimal d) {
          b.append(d.toPlainString());
        } else if (v != null) {
          b.append(v);
        }
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String xmlRows(List<String> names, List<Object[]> rows) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rows>\n");
    for (Object[] row : rows) {
      b.append("  <row");
      for (int i = 0; i < row.length; i++) {
        Object v = row[i];
        if (v != null) {
          String text = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
          b.append(' ').append(names.get(i)).append("=\"").append(xmlEscaped(text)).append('"');
        }
      }
      b.append("/>\n");
    }
    return b.append("</rows>\n").toString();
  }

  /** Text for an attribute value: markup escaped, and line ends and tabs as references, which keeps them. */
  private static String xmlEscaped(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\n' -> b.append("&#10;");
        case '\r' -> b.append("&#13;");
        case '\t' -> b.append("&#9;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** The rows as JSON Lines, one object per line: dates and timestamps as ISO strings, NULL as null. */
  static String jsonLines(List<String> names, List<Object[]> rows) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.setRootValueSeparator(null);
      for (Object[] row : rows) {
        g.writeStartObject();
        for (int i = 0; i < row.length; i++) {
          g.writeFieldName(names.get(i));
          Object v = row[i];
          if (v == null) {
            g.writeNull();
          } else if (v instanceof Integer n) {
            g.writeNumber(n);
          } else if (v instanceof Long n) {
            g.writeNumber(n);
          } else if (v instanceof Double n) {
            g.writeNumber(n);
          } else if (v instanceof BigDecimal n) {
            g.writeNumber(n);
          } else if (v instanceof Boolean bool) {
            g.writeBoolean(bool);
          } else {
            g.writeString(v.toString());
          }
        }
        g.writeEndObject();
        g.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
