package io.xsql.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.xsql.tck.TpchColumnDef;
import io.xsql.tck.TpchTableDef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The rows of a {@link TpchCalciteTable}, read whole, as Calcite holds them: INTEGER as Integer, DECIMAL as
 * BigDecimal, VARCHAR as String, DATE as days since 1970-01-01 (an Integer).
 */
final class TpchCalciteRows {
  private static final JsonFactory JSON = new JsonFactory();

  private TpchCalciteRows() {}

  /** A CSV file as the fixture writes it: a header, text quoted, quotes doubled. */
  static List<Object[]> csv(Path file, TpchTableDef table) {
    List<TpchColumnDef> columns = table.columns();
    List<Object[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        List<String> fields = fields(line);
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = value(columns.get(i), fields.get(i));
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        f.append('"');
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(ch);
      }
    }
    out.add(f.toString());
    return out;
  }

  /** A JSON Lines file: one object per line, its fields in any order. */
  static List<Object[]> jsonl(Path file, TpchTableDef table) {
    List<TpchColumnDef> columns = table.columns();
    List<String> names = columns.stream().map(TpchColumnDef::name).toList();
    List<Object[]> rows = new ArrayList<>();
    try (JsonParser p = JSON.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      while (p.nextToken() == JsonToken.START_OBJECT) {
        Object[] row = new Object[columns.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          int i = names.indexOf(p.currentName());
          p.nextToken();
          if (i >= 0) {
            row[i] = value(columns.get(i), p.getText());
          }
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** A MongoDB collection named after the table, every document, as the fixture's sink wrote them. */
  static List<Object[]> mongo(String uri, String database, TpchTableDef table) {
    List<TpchColumnDef> columns = table.columns();
    // A one-column key is the document's _id (see TpchMongo).
    String key = table.primaryKey().size() == 1 ? table.primaryKey().get(0) : "";
    List<Object[]> rows = new ArrayList<>();
    try (MongoClient client = MongoClients.create(uri)) {
      for (Document d : client.getDatabase(database).getCollection(table.tableName()).find()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          String name = columns.get(i).name();
          Object v = d.get(name.equals(key) ? "_id" : name);
          row[i] = v instanceof Decimal128 n ? n.bigDecimalValue()
              : v instanceof Date t ? (int) t.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() : v;
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Object value(TpchColumnDef column, String text) {
    return switch (column.type()) {
      case INTEGER -> Integer.valueOf(text);
      case DECIMAL -> new BigDecimal(text);
      case VARCHAR -> text;
      case DATE -> (int) LocalDate.parse(text).toEpochDay();
    };
  }
}
