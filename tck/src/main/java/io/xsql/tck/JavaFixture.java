package io.xsql.tck;

import io.xsql.driver.XsqlConnection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registers the dataset as Java objects on the connection. */
public final class JavaFixture implements SourceFixture {
  /** How the objects are handed over. */
  private enum Shape { MAPS, MAP_STREAM, RECORDS }

  /** The dataset's row as a record. */
  public record Row(Integer id, String name, Double amount, Long big, BigDecimal price, Boolean active,
      LocalDate born, LocalDateTime seen) {}

  private final Shape shape;

  private JavaFixture(Shape shape) {
    this.shape = shape;
  }

  /** A list of maps. */
  public static JavaFixture maps() {
    return new JavaFixture(Shape.MAPS);
  }

  /** A supplier of map streams, opened per query. */
  public static JavaFixture mapStream() {
    return new JavaFixture(Shape.MAP_STREAM);
  }

  /** A list of records. */
  public static JavaFixture records() {
    return new JavaFixture(Shape.RECORDS);
  }

  @Override
  public Connection connect(Dataset data, String table, Path dir) throws SQLException {
    XsqlConnection c = DriverManager.getConnection("jdbc:xsql:").unwrap(XsqlConnection.class);
    switch (shape) {
      case MAPS -> c.register(table, maps(data.names(), data.rows()));
      case MAP_STREAM -> c.registerMaps(table, () -> maps(data.names(), data.rows()).stream());
      case RECORDS -> c.register(table, Row.class, data.rows().stream().map(r -> new Row((Integer) r[0],
          (String) r[1], (Double) r[2], (Long) r[3], (BigDecimal) r[4], (Boolean) r[5], (LocalDate) r[6],
          (LocalDateTime) r[7])).toList());
      default -> throw new AssertionError(shape);
    }
    return c;
  }

  /** Maps are sampled for their types, so the bad value comes after the sample. */
  @Override
  public Optional<Connection> connectBroken(String table, Path dir) throws SQLException {
    if (shape == Shape.RECORDS) {
      return Optional.empty();
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      rows.add(new Object[] {i == 1500 ? "abc" : i, "row " + i});
    }
    XsqlConnection c = DriverManager.getConnection("jdbc:xsql:").unwrap(XsqlConnection.class);
    c.register(table, maps(List.of("id", "name"), rows));
    return Optional.of(c);
  }

  @Override
  public boolean pushesFilters() {
    return true;
  }

  private static List<Map<String, Object>> maps(List<String> names, List<Object[]> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object[] row : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        m.put(names.get(i), row[i]);
      }
      out.add(m);
    }
    return out;
  }
}
