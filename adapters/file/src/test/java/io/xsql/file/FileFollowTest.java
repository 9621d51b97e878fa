package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.CatalogException;
import io.xsql.spi.DataTable;
import io.xsql.spi.EventTime;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A JSON Lines file with {@code follow: true}, followed as it grows. */
@Timeout(20)
final class FileFollowTest {
  @TempDir
  Path dir;

  /** A context whose cancel flag the test raises. */
  private static final class Flag implements ScanContext {
    volatile boolean canceled;

    @Override
    public boolean isCanceled() {
      return canceled;
    }

    @Override
    public AutoCloseable onCancel(Runnable action) {
      return () -> { };
    }

    @Override
    public void warn(String message) {
      // Nothing to report here.
    }
  }

  private void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void followsLinesWrittenInPartsAndAcrossRotationUntilCanceled() throws Exception {
    Path file = dir.resolve("app.jsonl");
    append(file, "{\"id\": 1, \"msg\": \"start\"}\n");
    DataTable table = FileSources.open(dir, "jsonl", Map.of("path", "app.jsonl", "follow", "true",
        "columns", Map.of("id", "INTEGER", "msg", "VARCHAR")));
    assertThat(FileSources.read(table, new FileSources.RecordingContext())).hasSize(1);
    Flag context = new Flag();
    try (RowCursor cursor = table.stream().orElseThrow().scan(ScanRequest.of(List.of(0, 1), context))) {
      assertThat(cursor.next()).isTrue();
      assertThat(cursor.current()).containsExactly(1, "start");
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        pause(200);
        append(file, "{\"id\": 2, \"msg\": \"in ");
        pause(300);
        append(file, "two parts\"}\n");
        pause(200);
        try {
          Files.move(file, dir.resolve("app.jsonl.1"));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        append(file, "{\"id\": 3, \"msg\": \"rotated\"}\n");
      });
      assertThat(cursor.next()).isTrue();
      assertThat(cursor.current()).containsExactly(2, "in two parts");
      assertThat(cursor.next()).isTrue();
      assertThat(cursor.current()).containsExactly(3, "rotated");
      writer.join();
      CompletableFuture.runAsync(() -> {
        pause(200);
        context.canceled = true;
      });
      long start = System.nanoTime();
      assertThatThrownBy(cursor::next).hasRootCauseInstanceOf(java.io.InterruptedIOException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }
  }

  @Test
  void followNeedsOneFile() throws IOException {
    append(dir.resolve("a.jsonl"), "{\"id\": 1}\n");
    append(dir.resolve("b.jsonl"), "{\"id\": 2}\n");
    assertThatThrownBy(() -> FileSources.open(dir, "jsonl", Map.of("path", "*.jsonl", "follow", "true")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'follow'");
    assertThat(FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl")).stream()).isEmpty();
  }

  @Test
  void aFollowedFileHasTheEventTimeOfItsSettings() throws IOException {
    append(dir.resolve("t.jsonl"), "{\"id\": 1, \"ts\": \"2026-01-01T00:00:00Z\"}\n");
    DataTable stream = FileSources.open(dir, "jsonl", Map.of("path", "t.jsonl", "follow", "true",
        "columns", Map.of("ts", "TIMESTAMP"), "event_time", "ts", "watermark", "2s", "idle_timeout", "500ms"))
        .stream().orElseThrow();
    assertThat(stream.eventTime()).isEqualTo(new EventTime(Optional.of("ts"), Duration.ofSeconds(2),
        Optional.of(Duration.ofMillis(500))));
    assertThat(stream.describe()).endsWith(", event_time=ts, watermark=2000ms, idle_timeout=500ms, following");
    assertThatThrownBy(() -> FileSources.open(dir, "jsonl", Map.of("path", "t.jsonl", "event_time", "ts")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'event_time': applies to a followed file");
    assertThatThrownBy(() -> FileSources.open(dir, "jsonl", Map.of("path", "t.jsonl", "follow", "true",
        "event_time", "id"))).isInstanceOf(CatalogException.class).hasMessageContaining("must name a TIMESTAMP");
  }
}
