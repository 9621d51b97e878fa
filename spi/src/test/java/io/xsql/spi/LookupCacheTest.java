package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lookup cache: least recently used keys out beyond max_rows, keys out after ttl, keys without rows kept. */
final class LookupCacheTest {
  private static final Object REQUEST = "users by id";

  private static LookupCache.Key key(Object... values) {
    return new LookupCache.Key(REQUEST, Arrays.asList(values));
  }

  private static List<Object[]> rows(int n) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Object[] {i});
    }
    return out;
  }

  @Test
  void theLeastRecentlyUsedKeysLeaveBeyondMaxRows() {
    LookupCache cache = new LookupCache(new LookupCacheConfig(Duration.ofHours(1), 4));
    cache.put(key(1), rows(2));
    cache.put(key(2), rows(1));
    cache.put(key(3), List.of());
    assertThat(cache.rows()).isEqualTo(4);
    assertThat(cache.get(key(1))).isPresent();
    // Key 2 is now the least recently used: it makes room for key 4.
    cache.put(key(4), rows(1));
    assertThat(cache.get(key(2))).isEmpty();
    assertThat(cache.get(key(1))).hasValueSatisfying(r -> assertThat(r).hasSize(2));
    assertThat(cache.get(key(3))).hasValueSatisfying(r -> assertThat(r).isEmpty());
    assertThat(cache.rows()).isEqualTo(4);
    // A key with more rows than the cache holds is not kept, and pushes nothing out.
    cache.put(key(5), rows(5));
    assertThat(cache.get(key(5))).isEmpty();
    assertThat(cache.rows()).isEqualTo(4);
  }

  @Test
  void keysExpireAfterTheirTimeToLive() {
    AtomicLong now = new AtomicLong();
    LookupCache cache = new LookupCache(new LookupCacheConfig(Duration.ofSeconds(30), 10), now::get);
    cache.put(key(1), rows(1));
    now.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(cache.get(key(1))).isPresent();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(cache.get(key(1))).isEmpty();
    assertThat(cache.rows()).isZero();
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new LookupCacheConfig(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LookupCacheConfig(Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A table of users by id in memory, counting the keys it is asked for. */
  private static final class Users implements KeyLookup {
    private final Map<Long, String> names = Map.of(1L, "ann", 2L, "bob");
    final List<List<Object>> asked = new ArrayList<>();

    @Override
    public boolean supports(List<Integer> keyColumns) {
      return keyColumns.equals(List.of(0));
    }

    @Override
    public int maxBatchSize() {
      return 100;
    }

    @Override
    public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
      asked.addAll(keys);
      List<Object[]> out = new ArrayList<>();
      for (List<Object> k : keys) {
        String name = names.get((Long) k.get(0));
        if (name != null) {
          out.add(new Object[] {k.get(0), name});
        }
      }
      return RowCursor.of(out.iterator());
    }
  }

  private static List<String> read(RowCursor cursor) {
    List<String> out = new ArrayList<>();
    try (cursor) {
      while (cursor.next()) {
        out.add(Arrays.toString(cursor.current()));
      }
    }
    return out;
  }

  @Test
  void aCachedLookupAsksOnlyForKeysItHasNotSeen() {
    Users users = new Users();
    CachedLookup cached = new CachedLookup("crm.users", users,
        new LookupCache(new LookupCacheConfig(Duration.ofHours(1), 100)));
    ScanRequest request = new ScanRequest(List.of(0, 1), List.of(), OptionalLong.empty(), ScanContext.detached());
    List<Integer> id = List.of(0);
    assertThat(read(cached.lookup(id, List.of(List.of(1L), List.of(9L)), request))).containsExactly("[1, ann]");
    assertThat(read(cached.lookup(id, List.of(List.of(1L), List.of(9L), List.of(2L)), request)))
        .containsExactlyInAnyOrder("[1, ann]", "[2, bob]");
    // Key 9 has no row, and that was cached too.
    assertThat(users.asked).containsExactly(List.of(1L), List.of(9L), List.of(2L));
    // Rows without their key cannot be cached: every such lookup goes to the table.
    read(cached.lookup(id, List.of(List.of(1L)), new ScanRequest(List.of(1), List.of(), OptionalLong.empty(),
        ScanContext.detached())));
    assertThat(users.asked).hasSize(4);
    assertThat(cached.describe(id)).isEqualTo("cache: ttl=3600000ms, max_rows=100");
  }

  @Test
  void theTablesOfASchemaSourceLookUpThroughTheCache() {
    Users users = new Users();
    DataTable table = new DataTable() {
      @Override
      public List<Column> columns() {
        return List.of(Column.of("id", TypeKind.BIGINT), Column.of("name", TypeKind.VARCHAR));
      }

      @Override
      public RowCursor scan(ScanRequest request) {
        return RowCursor.of(List.<Object[]>of().iterator());
      }

      @Override
      public Optional<KeyLookup> keyLookup() {
        return Optional.of(users);
      }
    };
    SchemaSource source = () -> Map.of("users", table);
    Source wrapped = CachedSources.wrap("crm", source,
        new LookupCache(new LookupCacheConfig(Duration.ofHours(1), 100)));
    DataTable cached = ((SchemaSource) wrapped).tables().get("users");
    assertThat(cached.columns()).isEqualTo(table.columns());
    KeyLookup lookup = cached.keyLookup().orElseThrow();
    assertThat(lookup).isInstanceOfSatisfying(CachedLookup.class, l -> assertThat(l.table()).isEqualTo("crm.users"));
    ScanRequest request = new ScanRequest(List.of(0, 1), List.of(), OptionalLong.empty(), ScanContext.detached());
    read(lookup.lookup(List.of(0), List.of(List.of(2L)), request));
    assertThat(read(lookup.lookup(List.of(0), List.of(List.of(2L)), request))).containsExactly("[2, bob]");
    assertThat(users.asked).containsExactly(List.of(2L));
  }
}
