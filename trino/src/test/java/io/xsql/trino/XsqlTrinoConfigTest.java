package io.xsql.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class XsqlTrinoConfigTest {

  @Test
  void defaults() {
    XsqlTrinoConfig config = XsqlTrinoConfig.parse(Map.of("xsql.catalog", "/etc/xsql/sources.yaml"));
    assertThat(config).isEqualTo(new XsqlTrinoConfig(Path.of("/etc/xsql/sources.yaml"),
        XsqlTrinoConfig.DEFAULT_SPLIT_BYTES));
  }

  @Test
  void everyKey() {
    XsqlTrinoConfig config = XsqlTrinoConfig.parse(Map.of("xsql.catalog", "sources.yaml",
        "xsql.split-bytes", "4096"));
    assertThat(config).isEqualTo(new XsqlTrinoConfig(Path.of("sources.yaml"), 4096));
  }

  @Test
  void badSettingsFailNamingTheKey() {
    assertThatThrownBy(() -> XsqlTrinoConfig.parse(Map.of()))
        .hasMessageContaining("xsql.catalog is required");
    assertThatThrownBy(() -> XsqlTrinoConfig.parse(Map.of("xsql.catalog", "s.yaml", "xsql.catalgo", "x")))
        .hasMessageContaining("unknown properties of the xsql connector: [xsql.catalgo]");
    assertThatThrownBy(() -> XsqlTrinoConfig.parse(Map.of("xsql.catalog", "s.yaml", "xsql.split-bytes", "1MB")))
        .hasMessageContaining("xsql.split-bytes must be a number of bytes but is '1MB'");
    assertThatThrownBy(() -> XsqlTrinoConfig.parse(Map.of("xsql.catalog", "s.yaml", "xsql.split-bytes", "0")))
        .hasMessageContaining("xsql.split-bytes must be positive");
  }
}
