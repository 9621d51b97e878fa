package io.xsql.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.KeyedRows;
import io.xsql.spi.Predicate;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.Test;

/** The lookup join's runtime, checked against a nested loop over the same rows. */
final class LookupJoinEnumeratorTest {
  /** The inner table: id, k1, k2, tag. */
  private static final List<Column> TABLE = List.of(Column.of("id", TypeKind.INTEGER),
      Column.of("k1", TypeKind.INTEGER), new Column("k2", ColumnType.decimal(10, 3), true),
      Column.of("tag", TypeKind.VARCHAR));
  /** Requested in another order than the table's, so key positions differ from key columns. */
  private static final List<Integer> REQUESTED = List.of(3, 2, 1, 0);
  private static final int OUTER_WIDTH = 3;
  /** Outer rows: k2, payload, k1. */
  private static final int OUTER_K1 = 2;
  private static final int OUTER_K2 = 0;
  private static final String[] DECIMALS = {"1", "1.0", "1.00", "2.5", "2.50", "0", "0.00", "-0.0", "3"};

  /** A join's keys: the inner key columns and the outer fields holding the same keys. */
  private record Keys(List<Integer> innerColumns, int[] outerFields) {}

  private static final List<Keys> KEYS = List.of(new Keys(List.of(1), new int[] {OUTER_K1}),
      new Keys(List.of(2), new int[] {OUTER_K2}), new Keys(List.of(1, 2), new int[] {OUTER_K1, OUTER_K2}),
      new Keys(List.of(2, 1), new int[] {OUTER_K2, OUTER_K1}));

  /** A DataContext holding only the given variables. */
  private record Variables(Map<String, Object> values) implements DataContext {
    @Override
    public SchemaPlus getRootSchema() {
      throw new UnsupportedOperationException();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      throw new UnsupportedOperationException();
    }

    @Override
    public QueryProvider getQueryProvider() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(String name) {
      return values.get(name);
    }
  }

  private static final DataContext NO_VARIABLES = new Variables(Map.of());

  /** Outer rows that count how many were read and whether their enumerator was closed. */
  private static final class CountingOuter extends AbstractEnumerable<Object[]> {
    private final List<Object[]> rows;
    int read;
    int closed;

    CountingOuter(List<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public Enumerator<Object[]> enumerator() {
      Enumerator<Object[]> e = Linq4j.enumerator(rows);
      return new Enumerator<>() {
        @Override
        public Object[] current() {
          return e.current();
        }

        @Override
        public boolean moveNext() {
          boolean more = e.moveNext();
          read += more ? 1 : 0;
          return more;
        }

        @Override
        public void reset() {
          e.reset();
        }

        @Override
        public void close() {
          closed++;
        }
      };
    }
  }

  private static LookupJoinPlan plan(ListLookup lookup, Keys keys, JoinRelType type, boolean firstMatch,
      int batchSize, List<Predicate> filters) {
    KeyedRows inner = new KeyedRows("orders", lookup, keys.innerColumns(), REQUESTED, TABLE, filters, false);
    return new LookupJoinPlan(inner, keys.outerFields(), type, firstMatch, batchSize, OUTER_WIDTH,
        REQUESTED.size());
  }

  /** The same plan made adaptive: it switches after {@code afterKeys} keys, hashing at most {@code innerRows} outer rows. */
  private static LookupJoinPlan adaptive(LookupJoinPlan plan, long afterKeys, double innerRows) {
    return adaptive(plan, afterKeys, innerRows, false);
  }

  private static LookupJoinPlan adaptive(LookupJoinPlan plan, long afterKeys, double innerRows,
      boolean keepsOrder) {
    return new LookupJoinPlan(plan.inner(), plan.outerKeys(), plan.type(), plan.firstMatch(),
        plan.batchSize(), plan.outerWidth(), plan.innerWidth(), Optional.empty(),
        Optional.of(new LookupJoinPlan.Adaptive(afterKeys, 1, innerRows, keepsOrder)));
  }

  private static List<List<Object>> run(LookupJoinPlan plan, Iterable<Object[]> outer, DataContext root) {
    List<List<Object>> out = new ArrayList<>();
    try (Enumerator<Object[]> e = plan.join(Linq4j.asEnumerable(outer), root).enumerator()) {
      while (e.moveNext()) {
        out.add(Arrays.asList(e.current()));
      }
    }
    return out;
  }

  /** The join as a nested loop over the whole inner table, with SQL's equality written out. */
  private static List<List<Object>> reference(List<Object[]> outer, List<Object[]> table, Keys keys,
      JoinRelType type, boolean firstMatch, java.util.function.Predicate<Object[]> innerFilter) {
    List<List<Object>> out = new ArrayList<>();
    for (Object[] o : outer) {
      List<List<Object>> matches = new ArrayList<>();
      for (Object[] r : table) {
        boolean equal = innerFilter.test(r);
        for (int i = 0; i < keys.outerFields().length; i++) {
          equal &= sqlEquals(o[keys.outerFields()[i]], r[keys.innerColumns().get(i)]);
        }
        if (equal && !(firstMatch && !matches.isEmpty())) {
          matches.add(REQUESTED.stream().map(c -> r[c]).toList());
        }
      }
      List<Object> outerValues = Arrays.asList(o);
      switch (type) {
        case SEMI -> {
          if (!matches.isEmpty()) {
            out.add(outerValues);
          }
        }
        case ANTI -> {
          if (matches.isEmpty()) {
            out.add(outerValues);
          }
        }
        default -> {
          if (matches.isEmpty() && type == JoinRelType.LEFT) {
            matches.add(Arrays.asList(new Object[REQUESTED.size()]));
          }
          for (List<Object> m : matches) {
            List<Object> row = new ArrayList<>(outerValues);
            row.addAll(m);
            out.add(row);
          }
        }
      }
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean sqlEquals(Object a, Object b) {
    return a != null && b != null && ((Comparable) a).compareTo(b) == 0;
  }

  private static Object[] innerRow(Random random, int id) {
    return new Object[] {id, maybe(random, random.nextInt(5)), maybe(random, decimal(random)),
        random.nextBoolean() ? "a" : maybe(random, "b")};
  }

  private static Object[] outerRow(Random random, int id) {
    return new Object[] {maybe(random, decimal(random)), "o" + id, maybe(random, random.nextInt(5))};
  }

  private static BigDecimal decimal(Random random) {
    return new BigDecimal(DECIMALS[random.nextInt(DECIMALS.length)]);
  }

  private static Object maybe(Random random, Object value) {
    return random.nextInt(7) == 0 ? null : value;
  }

  private static List<Object[]> rows(Random random, boolean outer) {
    int n = random.nextInt(5) == 0 ? 0 : random.nextInt(15);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(outer ? outerRow(random, i) : innerRow(random, i));
    }
    return rows;
  }

  @Test
  void matchesNestedLoopForEveryTypeAndKey() {
    Random random = new Random(20240611);
    int nonEmpty = 0;
    for (int round = 0; round < 200; round++) {
      List<Object[]> outer = rows(random, true);
      List<Object[]> table = rows(random, false);
      boolean filtered = random.nextBoolean();
      List<Predicate> filters = filtered ? List.of(new Predicate.Compare(3, FilterOp.EQ, "a")) : List.of();
      java.util.function.Predicate<Object[]> innerFilter = r -> !filtered || "a".equals(r[3]);
      int batchSize = 1 + random.nextInt(6);
      for (Keys keys : KEYS) {
        for (JoinRelType type : List.of(JoinRelType.INNER, JoinRelType.LEFT, JoinRelType.SEMI,
            JoinRelType.ANTI)) {
          for (boolean firstMatch : type.projectsRight() ? List.of(false, true) : List.of(false)) {
            List<List<Object>> expected = reference(outer, table, keys, type, firstMatch, innerFilter);
            nonEmpty += expected.isEmpty() ? 0 : 1;
            for (boolean superset : List.of(false, true)) {
              ListLookup lookup = new ListLookup(table);
              lookup.superset = superset;
              List<List<Object>> actual =
                  run(plan(lookup, keys, type, firstMatch, batchSize, filters), outer, NO_VARIABLES);
              assertThat(actual).as("round %d keys %s %s first %s superset %s batch %d", round,
                  keys.innerColumns(), type, firstMatch, superset, batchSize).isEqualTo(expected);
              assertThat(lookup.openCursors).isZero();
            }
            // Adaptive: switched after a few keys, the rest hashed (few outer rows) or the inner side hashed.
            long afterKeys = 1 + random.nextInt(4);
            double innerRows = random.nextBoolean() ? 2 : 1000;
            for (boolean keepsOrder : List.of(false, true)) {
              ListLookup lookup = new ListLookup(table);
              List<List<Object>> adaptive = run(adaptive(plan(lookup, keys, type, firstMatch, batchSize, filters),
                  afterKeys, innerRows, keepsOrder), outer, NO_VARIABLES);
              String about = String.format("adaptive round %d keys %s %s first %s batch %d after %d inner %s order %s",
                  round, keys.innerColumns(), type, firstMatch, batchSize, afterKeys, innerRows, keepsOrder);
              if (keepsOrder) {
                assertThat(adaptive).as(about).isEqualTo(expected);
              } else {
                assertThat(adaptive).as(about).containsExactlyInAnyOrderElementsOf(expected);
              }
              assertThat(lookup.openCursors).isZero();
            }
          }
        }
      }
    }
    // The random data must exercise matches, not only empty results.
    assertThat(nonEmpty).isGreaterThan(1000);
  }

  @Test
  void looksUpEachBatchOnceWithItsDistinctKeys() {
    Integer[] k1 = {1, 1, 2, 3, null, 3, 4, 5, 6, 7};
    List<Object[]> outer = new ArrayList<>();
    for (int i = 0; i < k1.length; i++) {
      outer.add(new Object[] {null, "o" + i, k1[i]});
    }
    List<Object[]> table = List.of(new Object[] {1, 3, null, "a"}, new Object[] {2, 7, null, "a"});
    ListLookup lookup = new ListLookup(table);
    List<List<Object>> rows = run(plan(lookup, KEYS.get(0), JoinRelType.INNER, false, 3, List.of()), outer,
        NO_VARIABLES);

    // The next batch is fetched while one is joined: the calls may come in another order.
    assertThat(lookup.calls).hasSize(4).containsExactlyInAnyOrder(
        List.of(List.of(1), List.of(2)), List.of(List.of(3)),
        List.of(List.of(4), List.of(5), List.of(6)), List.of(List.of(7)));
    assertThat(rows).extracting(r -> r.get(1)).containsExactly("o3", "o5", "o9");
  }

  @Test
  void skipsTheLookupForABatchWithOnlyNullKeys() {
    List<Object[]> outer = List.of(new Object[] {null, "o0", null}, new Object[] {null, "o1", null},
        new Object[] {null, "o2", 4});
    ListLookup lookup = new ListLookup(List.<Object[]>of(new Object[] {1, 4, null, "a"}));

    List<List<Object>> rows = run(plan(lookup, KEYS.get(0), JoinRelType.ANTI, false, 2, List.of()), outer,
        NO_VARIABLES);

    assertThat(lookup.calls).containsExactly(List.of(List.of(4)));
    assertThat(rows).extracting(r -> r.get(1)).containsExactly("o0", "o1");
  }

  @Test
  void asksForTheFirstSpellingOfEqualDecimals() {
    List<Object[]> outer = List.of(new Object[] {new BigDecimal("1.0"), "o0", null},
        new Object[] {new BigDecimal("1.00"), "o1", null}, new Object[] {new BigDecimal("1"), "o2", null});
    ListLookup lookup = new ListLookup(List.<Object[]>of(new Object[] {1, null, new BigDecimal("1.000"), "a"}));

    List<List<Object>> rows = run(plan(lookup, KEYS.get(1), JoinRelType.INNER, false, 3, List.of()), outer,
        NO_VARIABLES);

    assertThat(lookup.calls).containsExactly(List.of(List.of(new BigDecimal("1.0"))));
    assertThat(rows).extracting(r -> r.get(1)).containsExactly("o0", "o1", "o2");
  }

  @Test
  void bindsParametersOfTheInnerFilters() {
    Random random = new Random(7);
    List<Object[]> outer = new ArrayList<>();
    List<Object[]> table = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      outer.add(outerRow(random, i));
      table.add(innerRow(random, i));
    }
    List<Predicate> filters = List.of(new Predicate.Compare(3, FilterOp.EQ, new ScanFilters.Param(0)));
    Keys keys = KEYS.get(2);
    for (JoinRelType type : List.of(JoinRelType.INNER, JoinRelType.LEFT, JoinRelType.SEMI, JoinRelType.ANTI)) {
      ListLookup lookup = new ListLookup(table);
      List<List<Object>> rows = run(plan(lookup, keys, type, false, 4, filters), outer,
          new Variables(Map.of("?0", "b")));
      assertThat(rows).as("%s", type)
          .isEqualTo(reference(outer, table, keys, type, false, r -> "b".equals(r[3])))
          .isNotEqualTo(reference(outer, table, keys, type, false, r -> true));
    }
  }

  @Test
  void aNullParameterLeavesNoInnerRow() {
    List<Object[]> outer = List.of(new Object[] {BigDecimal.ONE, "o0", 1}, new Object[] {null, "o1", 2});
    ListLookup lookup = new ListLookup(List.<Object[]>of(new Object[] {1, 1, BigDecimal.ONE, "a"}));
    List<Predicate> filters = List.of(new Predicate.Compare(3, FilterOp.EQ, new ScanFilters.Param(0)));
    Map<String, Object> values = new HashMap<>();
    values.put("?0", null);
    DataContext root = new Variables(values);

    for (JoinRelType type : List.of(JoinRelType.INNER, JoinRelType.SEMI)) {
      assertThat(run(plan(lookup, KEYS.get(2), type, false, 4, filters), outer, root)).as("%s", type).isEmpty();
    }
    assertThat(run(plan(lookup, KEYS.get(2), JoinRelType.LEFT, false, 4, filters), outer, root))
        .containsExactly(Arrays.asList(BigDecimal.ONE, "o0", 1, null, null, null, null),
            Arrays.asList(null, "o1", 2, null, null, null, null));
    assertThat(run(plan(lookup, KEYS.get(2), JoinRelType.ANTI, false, 4, filters), outer, root))
        .containsExactly(Arrays.asList(BigDecimal.ONE, "o0", 1), Arrays.asList(null, "o1", 2));
    assertThat(lookup.calls).isEmpty();
  }

  @Test
  void readsNothingBeforeTheFirstRowAndClosesTheOuterSide() {
    CountingOuter outer = new CountingOuter(List.of(new Object[] {null, "o0", 1}, new Object[] {null, "o1", 2}));
    ListLookup lookup = new ListLookup(List.<Object[]>of(new Object[] {1, 2, null, "a"}));
    Enumerator<Object[]> e = plan(lookup, KEYS.get(0), JoinRelType.INNER, false, 10, List.of())
        .join(outer, NO_VARIABLES).enumerator();

    assertThat(outer.read).isZero();
    assertThat(lookup.calls).isEmpty();
    assertThat(e.moveNext()).isTrue();
    assertThat(e.current()).containsExactly(null, "o1", 2, "a", null, 2, 1);
    assertThat(e.moveNext()).isFalse();
    e.close();
    assertThat(outer.closed).isEqualTo(1);
  }

  @Test
  void namesTheInnerTableWhenTheLookupFails() {
    List<Object[]> outer = List.<Object[]>of(new Object[] {null, "o0", 1});
    ListLookup lookup = new ListLookup(List.<Object[]>of(new Object[] {1, 1, null, "a"},
        new Object[] {2, 1, null, "a"}));
    lookup.failure = new SourceException(ErrorCode.IO, "connection reset");
    LookupJoinPlan plan = plan(lookup, KEYS.get(0), JoinRelType.INNER, false, 10, List.of());

    assertThatThrownBy(() -> run(plan, outer, NO_VARIABLES)).isInstanceOf(SourceException.class)
        .hasMessage("source 'orders': connection reset")
        .satisfies(e -> assertThat(((SourceException) e).code()).isEqualTo(ErrorCode.IO));
    assertThat(lookup.openCursors).isZero();

    lookup.failure = new IllegalStateException("bad row");
    assertThatThrownBy(() -> run(plan, outer, NO_VARIABLES)).isInstanceOf(SourceException.class)
        .hasMessage("source 'orders' at row 1 failed: java.lang.IllegalStateException: bad row")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(lookup.openCursors).isZero();
  }

  @Test
  void cancellationStopsFurtherLookups() {
    List<Object[]> outer = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outer.add(new Object[] {null, "o" + i, i % 5});
    }
    ListLookup lookup = new ListLookup(List.<Object[]>of(new Object[] {1, 0, null, "a"},
        new Object[] {2, 1, null, "a"}));
    QueryContext context = new QueryContext(new AtomicBoolean(), 0);
    DataContext root = new Variables(Map.of(QueryContext.KEY, context));
    Enumerator<Object[]> e = plan(lookup, KEYS.get(0), JoinRelType.LEFT, false, 3, List.of())
        .join(Linq4j.asEnumerable(outer), root).enumerator();

    assertThat(e.moveNext()).isTrue();
    context.cancel();
    assertThatThrownBy(() -> {
      while (e.moveNext()) {
        // Drains the rows of the batch already looked up.
      }
    }).isInstanceOf(SourceException.class).hasMessage("query canceled");
    // The first batch, and at most the one fetched ahead of it while it was joined, of the four.
    assertThat(lookup.calls).hasSizeBetween(1, 2);
    e.close();
  }

  @Test
  void adaptiveJoinSwitchesOnceItsKeysPassTheThresholdAndSaysSo() {
    List<Object[]> outer = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outer.add(new Object[] {null, "o" + i, i % 4});
    }
    List<Object[]> table = List.of(new Object[] {1, 0, null, "a"}, new Object[] {2, 3, null, "a"});
    for (double innerRows : List.of(100.0, 2.0)) {
      ListLookup lookup = new ListLookup(table);
      QueryContext context = new QueryContext(new AtomicBoolean(), 0);
      DataContext root = new Variables(Map.of(QueryContext.KEY, context));
      LookupJoinPlan plan = adaptive(plan(lookup, KEYS.get(0), JoinRelType.LEFT, false, 2, List.of()), 3, innerRows);
      List<List<Object>> rows = run(plan, outer, root);

      assertThat(rows).extracting(r -> r.get(1)).containsExactlyInAnyOrder("o0", "o1", "o2", "o3", "o4", "o5", "o6",
          "o7", "o8", "o9");
      // Two batches of two keys reach the threshold of 3: the six rows after them are not looked up.
      assertThat(lookup.calls).hasSize(2);
      assertThat(lookup.scans).isEqualTo(1);
      assertThat(context.warnings()).singleElement().asString().startsWith(
          "adaptive join: the lookup join into orders looked up 4 keys (the plan estimated 1 outer rows, and"
              + " switches after 3 keys), then joined the other outer rows with one scan of orders")
          .endsWith(innerRows > 6 ? "(6 remaining outer rows hashed)" : "(the inner side hashed, more than 2 outer"
              + " rows remaining)");
    }
  }

  @Test
  void anAdaptiveJoinThatKeepsTheOuterOrderHashesTheInnerSideHoweverFewRowsRemain() {
    List<Object[]> outer = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outer.add(new Object[] {null, "o" + i, 9 - i});
    }
    List<Object[]> table = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      table.add(new Object[] {k, k, null, "a"});
    }
    QueryContext context = new QueryContext(new AtomicBoolean(), 0);
    LookupJoinPlan plan = adaptive(plan(new ListLookup(table), KEYS.get(0), JoinRelType.INNER, false, 2,
        List.of()), 3, 100, true);

    List<List<Object>> rows = run(plan, outer, new Variables(Map.of(QueryContext.KEY, context)));

    // Six outer rows remain after the switch, fewer than the 100 inner rows: hashing them would give the
    // inner side's order, 0 to 5.
    assertThat(rows).extracting(r -> r.get(1)).containsExactly("o0", "o1", "o2", "o3", "o4", "o5", "o6", "o7",
        "o8", "o9");
    assertThat(context.warnings()).singleElement().asString().contains("the inner side hashed");
  }

  @Test
  void cancellationStopsTheScanAfterTheSwitchAndClosesIt() {
    List<Object[]> outer = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outer.add(new Object[] {null, "o" + i, i});
    }
    List<Object[]> table = List.of(new Object[] {1, 0, null, "a"}, new Object[] {2, 9, null, "a"});
    for (double innerRows : List.of(100.0, 2.0)) {
      QueryContext context = new QueryContext(new AtomicBoolean(), 0);
      DataContext root = new Variables(Map.of(QueryContext.KEY, context));
      ListLookup lookup = new ListLookup(table);
      // The scan's first row cancels the query, as a cancel while it reads would.
      lookup.onScanRow = context::cancel;
      Enumerator<Object[]> e = adaptive(plan(lookup, KEYS.get(0), JoinRelType.INNER, false, 2, List.of()), 1,
          innerRows).join(Linq4j.asEnumerable(outer), root).enumerator();
      assertThatThrownBy(() -> {
        while (e.moveNext()) {
          // Rows of the batches looked up before the switch.
        }
      }).isInstanceOf(SourceException.class).hasMessage("query canceled");
      e.close();
      assertThat(lookup.scans).isEqualTo(1);
      assertThat(lookup.openCursors).isZero();
    }
  }

  @Test
  void rejectsWhatItCannotRun() {
    ListLookup lookup = new ListLookup(List.of());
    for (JoinRelType type : List.of(JoinRelType.FULL, JoinRelType.RIGHT, JoinRelType.ASOF)) {
      assertThatThrownBy(() -> plan(lookup, KEYS.get(0), type, false, 3, List.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(type.toString());
    }
    assertThatThrownBy(() -> plan(lookup, KEYS.get(0), JoinRelType.SEMI, true, 3, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstMatch");
    KeyedRows notRequested = new KeyedRows("orders", lookup, List.of(1), List.of(0, 3), TABLE, List.of(), false);
    assertThatThrownBy(() -> new LookupJoinPlan(notRequested, new int[] {OUTER_K1}, JoinRelType.INNER, false,
        3, OUTER_WIDTH, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key column 1");
    assertThatThrownBy(() -> plan(lookup, KEYS.get(0), JoinRelType.INNER, false, 1001, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size");
  }
}
