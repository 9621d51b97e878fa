package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class OptionsTest {
  private static final Path CATALOG = Path.of("/data/sources.yaml");

  /** An entry whose n-th key stands on line n + 1, value from a substitution when marked secret. */
  private static Options options(Map<String, Object> values) {
    Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
    int line = 2;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Location at = new Location(CATALOG, line++, 5);
      ConfigNode node = e.getValue() instanceof List<?> list
          ? new ConfigNode.Sequence(list.stream().map(v -> (ConfigNode) new ConfigNode.Scalar(
              String.valueOf(v), at, false)).toList(), at)
          : new ConfigNode.Scalar(String.valueOf(e.getValue()), at, e.getKey().startsWith("secret"));
      fields.put(e.getKey(), new ConfigNode.Field(e.getKey(), at, node));
    }
    return new Options("source 'crm'", new ConfigNode.Mapping(fields, new Location(CATALOG, 1, 3)),
        CATALOG.getParent());
  }

  private enum Mode { FAIL, SKIP }

  @Test
  void readsTypedValues() {
    Options o = options(Map.of("path", "data/x.csv", "size", "8", "flag", "yes", "mode", "skip",
        "keys", List.of("a", "b")));
    assertThat(o.path("path")).contains(Path.of("/data/data/x.csv"));
    assertThat(o.integer("size", 1)).isEqualTo(8);
    assertThat(o.integer("missing", 1)).isEqualTo(1);
    assertThat(o.bool("flag", false)).isTrue();
    assertThat(o.choice("mode", Mode.class, Mode.FAIL)).isEqualTo(Mode.SKIP);
    assertThat(o.strings("keys")).containsExactly("a", "b");
    assertThat(o.strings("size")).containsExactly("8");
  }

  @Test
  void errorsNameTheCatalogLineSourceAndKey() {
    Options o = options(new LinkedHashMap<>(Map.of("size", "eight")));
    assertThatThrownBy(() -> o.integer("size", 1)).isInstanceOf(CatalogException.class)
        .hasMessage("/data/sources.yaml:2:5: source 'crm', key 'size': expected a whole number but got 'eight'");
    Options small = options(new LinkedHashMap<>(Map.of("size", "0")));
    assertThat(small.integer("size", 5, 0)).isZero();
    assertThatThrownBy(() -> small.integer("size", 5, 1))
        .hasMessage("/data/sources.yaml:2:5: source 'crm', key 'size': must be at least 1");
    assertThatThrownBy(() -> o.requireString("path"))
        .hasMessage("/data/sources.yaml:1:3: source 'crm', key 'path': is required");
  }

  @Test
  void unknownKeysFailListingTheKnownOnes() {
    Options o = options(Map.of("pathh", "x"));
    assertThatThrownBy(() -> o.allowOnly(Set.of("path", "type")))
        .hasMessageContaining(":2:5: source 'crm': unknown key 'pathh'; expected one of [path, type]");
  }

  @Test
  void substitutedValuesAreNeverEchoed() {
    Options o = options(Map.of("secret_port", "hunter2"));
    assertThatThrownBy(() -> o.integer("secret_port", 1)).hasMessageNotContaining("hunter2")
        .hasMessageContaining("a substituted value");
  }
}
