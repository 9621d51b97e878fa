package io.xsql.tck;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The data every conformance test loads into the source under test and into H2, the reference: one
 * column per supported type, NULLs in every column, and text that trips up quoting and encodings.
 *
 * @param columns the columns
 * @param rows the rows, values in natural Java types (null for NULL)
 */
public record Dataset(List<DatasetColumn> columns, List<Object[]> rows) {

  /**
   * A column of the dataset.
   *
   * @param name the name
   * @param type the SQL type as the catalog and H2 write it
   * @param javaType the Java class of its values
   */
  public record DatasetColumn(String name, String type, Class<?> javaType) {}

  /** The standard dataset: 12 rows, 8 columns. */
  public static Dataset standard() {
    List<DatasetColumn> columns = List.of(
        new DatasetColumn("id", "INTEGER", Integer.class),
        new DatasetColumn("name", "VARCHAR", String.class),
        new DatasetColumn("amount", "DOUBLE", Double.class),
        new DatasetColumn("big", "BIGINT", Long.class),
        new DatasetColumn("price", "DECIMAL(10,2)", BigDecimal.class),
        new DatasetColumn("active", "BOOLEAN", Boolean.class),
        new DatasetColumn("born", "DATE", LocalDate.class),
        new DatasetColumn("seen", "TIMESTAMP", LocalDateTime.class));
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(1, "Ann", 1.5, 3_000_000_000L, "19.99", true, "1990-05-17", "2020-01-01T08:30:00"));
    rows.add(row(2, "O'Brien", -2.25, 42L, "0.10", false, "1985-12-31", "2019-06-30T23:59:59"));
    rows.add(row(3, "Zoë 東京", 0.0, -7L, "1000.00", true, "2001-01-01", "2021-03-04T05:06:07"));
    rows.add(row(4, "comma, \"quoted\"", 1e10, 0L, "-5.50", null, "1970-01-01", "1999-12-31T00:00:00"));
    rows.add(row(5, null, 3.25, 9_007_199_254_740_993L, "12.34", false, "2024-02-29", null));
    rows.add(row(6, "", null, 5L, "99999.99", true, null, "2022-02-22T22:22:22"));
    rows.add(row(7, "back\\slash", 7.75, null, "7.00", true, "1999-09-09", "2000-01-01T00:00:00"));
    rows.add(row(8, "percent % under_score", 100.0, 8L, null, false, "2010-10-10", "2010-10-10T10:10:10"));
    rows.add(row(9, "Mia", 9.5, 9L, "9.99", null, "1960-06-06", "2015-05-05T05:05:05"));
    rows.add(row(10, "mia", -0.5, 10L, "10.01", true, "2012-12-12", "2012-12-12T12:12:12"));
    rows.add(row(null, "no id", 11.0, 11L, "11.11", false, "2011-11-11", "2011-11-11T11:11:11"));
    rows.add(row(12, "line\nbreak", 12.5, 12L, "12.50", true, "2000-02-29", "2004-04-04T04:04:04"));
    return new Dataset(columns, List.copyOf(rows));
  }

  private static Object[] row(Integer id, String name, Double amount, Long big, String price,
      Boolean active, String born, String seen) {
    return new Object[] {id, name, amount, big, price == null ? null : new BigDecimal(price), active,
        born == null ? null : LocalDate.parse(born), seen == null ? null : LocalDateTime.parse(seen)};
  }

  /** The column names in order. */
  public List<String> names() {
    return columns.stream().map(DatasetColumn::name).toList();
  }
}
