package io.xsql.server;

import io.xsql.java.JavaTables;
import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import io.xsql.spi.TableSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A source for server tests ({@code type: test_arrays}): one table of posts with an array column of every
 * element kind; its rows hold elements (one NULL among the tags), empty arrays and NULL arrays.
 */
public final class ArraysSourceFactory implements SourceFactory {
  /** A post: one array of each element kind. */
  public record Post(int id, List<String> tags, List<Integer> votes, List<Long> views, List<Double> scores,
      List<BigDecimal> prices, List<Boolean> flags, List<LocalDate> days, List<LocalTime> times,
      List<LocalDateTime> stamps, List<byte[]> blobs) {}

  static final List<Post> POSTS = List.of(
      new Post(1, Arrays.asList("a", null), List.of(1, 2), List.of(10L), List.of(1.5), List.of(new BigDecimal("2.50")),
          List.of(true), List.of(LocalDate.of(2024, 2, 29)), List.of(LocalTime.of(12, 30, 15)),
          List.of(LocalDateTime.of(2024, 2, 29, 12, 30, 15, 123_000_000)), List.of(new byte[] {1, 2})),
      new Post(2, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          List.of()),
      new Post(3, null, null, null, null, null, null, null, null, null, null));

  @Override
  public Set<String> types() {
    return Set.of("test_arrays");
  }

  @Override
  public Source open(SourceConfig config) {
    config.options().allowOnly(Set.of("type"));
    return (TableSource) () -> JavaTables.of(Post.class, POSTS);
  }
}
