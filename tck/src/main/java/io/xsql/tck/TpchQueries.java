package io.xsql.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries, read from {@code io/xsql/tck/tpch/qNN.sql}, with {@code qNN.reference.sql} where the
 * reference database needs the question written otherwise.
 */
public final class TpchQueries {
  private static final List<TpchQuery> ALL = IntStream.rangeClosed(1, 22).mapToObj(TpchQueries::read).toList();

  private TpchQueries() {}

  /** Q1 to Q22, in order. */
  public static List<TpchQuery> all() {
    return ALL;
  }

  /** One query, 1 to 22. */
  public static TpchQuery get(int number) {
    if (number < 1 || number > ALL.size()) {
      throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + number);
    }
    return ALL.get(number - 1);
  }

  private static TpchQuery read(int number) {
    String name = String.format("tpch/q%02d", number);
    return new TpchQuery(number, text(name + ".sql").orElseThrow(
        () -> new IllegalStateException("missing resource io/xsql/tck/" + name + ".sql")), text(name + ".reference.sql"));
  }

  private static Optional<String> text(String resource) {
    try (InputStream in = TpchQueries.class.getResourceAsStream(resource)) {
      return in == null ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
