package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import io.xsql.spi.CatalogException;
import io.xsql.spi.ColumnType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class MongoConfigTest {
  private static MongoConfig config(Map<String, Object> settings) {
    return ((MongoSource) MongoSources.open(settings)).config();
  }

  @Test
  void defaults() {
    MongoConfig c = config(Map.of("uri", "mongodb://app:pw@h1:27017,h2:27018/shop"));
    assertThat(c.database()).isEqualTo("shop");
    assertThat(c.sampleSize()).isEqualTo(1000);
    assertThat(c.flattenDepth()).isEqualTo(3);
    assertThat(c.address()).isEqualTo("mongodb://h1:27017,h2:27018");
    assertThat(c.toString()).doesNotContain("pw");
    MongoClientSettings s = c.settings();
    assertThat(s.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(5_000);
    assertThat(s.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(5_000);
  }

  @Test
  void everyKey() {
    MongoConfig c = config(Map.of("uri", "mongodb://h/other?serverSelectionTimeoutMS=700&connectTimeoutMS=800",
        "database", "shop", "sample_size", 10, "flatten_depth", 0));
    assertThat(c.database()).isEqualTo("shop");
    assertThat(c.sampleSize()).isEqualTo(10);
    assertThat(c.flattenDepth()).isZero();
    assertThat(c.settings().getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(700);
    assertThat(c.settings().getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(800);
  }

  @Test
  void valuesOutOfRangeFailWithTheirLine() {
    assertThatThrownBy(() -> config(Map.of("uri", "mongodb://h/d", "sample_size", 0)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("catalog.yaml:")
        .hasMessageContaining("source 'shop', key 'sample_size': must be at least 1");
    assertThatThrownBy(() -> config(Map.of("uri", "mongodb://h/d", "flatten_depth", -1)))
        .hasMessageContaining("key 'flatten_depth': must be at least 0");
  }

  @Test
  void collectionSettingsAreChecked() {
    MongoConfig c = config(Map.of("uri", "mongodb://h/d", "collections",
        Map.of("orders", Map.of("columns", Map.of("total", "DECIMAL(12,2)"), "hidden", List.of("_id", "raw")))));
    assertThat(c.collection("orders").columns()).containsEntry("total", ColumnType.decimal(12, 2));
    assertThat(c.collection("orders").hides(List.of("raw", "inner"))).isTrue();
    assertThat(c.collection("other")).isEqualTo(MongoCollectionConfig.DEFAULT);
    assertThatThrownBy(() -> config(Map.of("uri", "mongodb://h/d", "collections",
        Map.of("orders", Map.of("colums", Map.of())))))
        .isInstanceOf(CatalogException.class).hasMessageContaining("unknown key 'colums'");
    assertThatThrownBy(() -> config(Map.of("uri", "mongodb://h/d", "collections",
        Map.of("orders", Map.of("columns", Map.of("total", "DECIMAL")))))).isInstanceOf(CatalogException.class)
        .hasMessageContaining("column 'total': DECIMAL needs a precision and a scale");
  }
}
