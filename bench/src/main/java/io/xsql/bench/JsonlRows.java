package io.xsql.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The benchmark's two files as rows of Java values, parsed the way a Java user writes it with Jackson:
 * plain Calcite scans through this, and the harness writes H2's CSV copies with it.
 */
final class JsonlRows {
  /** A column of a benchmark file: its name and whether it holds numbers. */
  record Field(String name, Class<?> type) {}

  static final List<Field> PRODUCTS = List.of(new Field("product_id", Integer.class),
      new Field("title", String.class), new Field("checked", Integer.class),
      new Field("price", Double.class), new Field("category_id", Integer.class));
  static final List<Field> IMAGES = List.of(new Field("product_id", Integer.class),
      new Field("image", String.class), new Field("image_type", String.class));

  private static final JsonFactory JSON = new JsonFactory();

  private JsonlRows() {}

  static List<Field> fields(String table) {
    return table.equals("products") ? PRODUCTS : IMAGES;
  }

  /** Reads a file lazily, one {@code Object[]} per line. */
  static Iterator<Object[]> read(Path file, List<Field> fields) {
    BufferedReader in;
    try {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Iterator<>() {
      private String line = readLine(in);

      @Override
      public boolean hasNext() {
        return line != null;
      }

      @Override
      public Object[] next() {
        if (line == null) {
          throw new NoSuchElementException();
        }
        Object[] row = parse(line, fields);
        line = readLine(in);
        return row;
      }
    };
  }

  private static String readLine(BufferedReader in) {
    try {
      String line = in.readLine();
      if (line == null) {
        in.close();
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object[] parse(String line, List<Field> fields) {
    Object[] row = new Object[fields.size()];
    try (JsonParser p = JSON.createParser(line)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        for (int i = 0; i < row.length; i++) {
          Field f = fields.get(i);
          if (f.name().equals(name)) {
            row[i] = f.type() == Integer.class ? (Object) p.getIntValue()
                : f.type() == Double.class ? (Object) p.getDoubleValue() : p.getText();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return row;
  }
}
