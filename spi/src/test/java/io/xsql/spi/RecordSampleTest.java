package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.RecordSample.SampledField;
import java.util.List;
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
    assertThat(s.records()).isEqualTo(2);
    assertThat(s.columns()).containsExactly(
        new SampledField(List.of("id"), TypeKind.BIGINT, List.of("int", "long"), true),
        new SampledField(List.of("addr", "city"), TypeKind.VARCHAR, List.of("string"), false),
        new SampledField(List.of("raw"), TypeKind.VARCHAR, List.of("string", RecordSample.OBJECT), true),
        new SampledField(List.of("gone"), TypeKind.VARCHAR, List.of(), false),
        new SampledField(List.of("empty"), TypeKind.VARCHAR, List.of(RecordSample.OBJECT), false));
    assertThat(s.columns().get(0).widened()).isTrue();
    assertThat(s.columns().get(1).widened()).isFalse();
  }
}
