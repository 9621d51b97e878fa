package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.RecordSample.SampledField;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RecordSampleTest {

  @Test
  void nestedObjectsAreParentsMixedOnesAreTextAndKindsWiden() {
    RecordSample s = new RecordSample();
    s.record();
    s.value(List.of("id"), TypeKind.INTEGER, "int");
    s.object(List.of("addr"));
    s.value(List.of("addr", "city"), TypeKind.VARCHAR, "string");
    s.object(List.of("raw"));
    s.value(List.of("raw", "x"), TypeKind.INTEGER, "int");
    s.value(List.of("gone"), null, null);
    s.record();
    s.value(List.of("id"), TypeKind.BIGINT, "long");
    s.value(List.of("raw"), TypeKind.VARCHAR, "string");
    s.object(List.of("empty"));
    s.array(List.of("tags"), List.of(TypeKind.INTEGER), "array");
    s.record();
    s.array(List.of("tags"), List.of(TypeKind.BIGINT, TypeKind.INTEGER), "array");
    assertThat(s.records()).isEqualTo(3);
    Optional<ValueCounts> none = Optional.empty();
    assertThat(s.columns()).containsExactly(
        new SampledField(List.of("id"), ColumnType.of(TypeKind.BIGINT), List.of("int", "long"), false, none),
        new SampledField(List.of("addr", "city"), ColumnType.of(TypeKind.VARCHAR), List.of("string"), false, none),
        new SampledField(List.of("raw"), ColumnType.of(TypeKind.VARCHAR), List.of("string", RecordSample.OBJECT),
            false, none),
        new SampledField(List.of("gone"), ColumnType.of(TypeKind.VARCHAR), List.of(), false, none),
        new SampledField(List.of("empty"), ColumnType.of(TypeKind.VARCHAR), List.of(RecordSample.OBJECT), false,
            none),
        new SampledField(List.of("tags"), ColumnType.array(ColumnType.of(TypeKind.BIGINT)), List.of("array"),
            false, none));
    assertThat(s.columns().get(0).widened()).isTrue();
    assertThat(s.columns().get(1).widened()).isFalse();
  }

  @Test
  void countedValuesEstimateTheDistinctValues() {
    RecordSample s = new RecordSample();
    for (int i = 0; i < 100; i++) {
      s.record();
      s.value(List.of("kind"), TypeKind.VARCHAR, "string", "k" + i % 5);
      s.value(List.of("id"), TypeKind.INTEGER, "int", i);
    }
    assertThat(s.columns().get(0).values()).contains(new ValueCounts(100, 5, 0));
    // Five values, each seen 20 times, stay five in 10,000 rows; a key grows with the rows.
    assertThat(s.columns().get(0).values().get().estimate(java.util.OptionalLong.of(10_000))).hasValue(5);
    assertThat(s.columns().get(1).values().get().estimate(java.util.OptionalLong.of(10_000))).hasValue(10_000);
  }
}
