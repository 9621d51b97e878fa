package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileIndexSorterTest {
  @TempDir
  Path dir;

  private record Entry(long hash, long offset) {}

  private List<Entry> sorted(List<Entry> entries, int runSize) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (FileIndexSorter sorter = new FileIndexSorter(dir, runSize)) {
      for (Entry e : entries) {
        sorter.add(e.hash(), e.offset());
      }
      assertThat(sorter.count()).isEqualTo(entries.size());
      sorter.writeTo(new DataOutputStream(bytes));
    }
    ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
    List<Entry> out = new ArrayList<>();
    while (in.hasRemaining()) {
      out.add(new Entry(in.getLong(), in.getLong()));
    }
    return out;
  }

  @Test
  void sortsByUnsignedHashKeepingOffsetsInOrderInMemoryAndThroughRuns() throws IOException {
    Random random = new Random(3);
    for (int runSize : new int[] {100_000, 1000, 7}) {
      List<Entry> entries = new ArrayList<>();
      for (long offset = 0; offset < 20_000; offset++) {
        // Few distinct hashes among many, some negative: ties and the sign bit both matter.
        long hash = random.nextBoolean() ? random.nextLong() : random.nextInt(50) - 25;
        entries.add(new Entry(hash, offset));
      }
      List<Entry> expected = new ArrayList<>(entries);
      // A stable sort: equal hashes keep their offsets ascending.
      expected.sort(Comparator.comparing(Entry::hash, Long::compareUnsigned));
      assertThat(sorted(entries, runSize)).as("run size %d", runSize).containsExactlyElementsOf(expected);
      try (Stream<Path> left = Files.list(dir)) {
        assertThat(left).as("temporary runs are deleted").isEmpty();
      }
    }
  }

  @Test
  void noEntriesWriteNothing() throws IOException {
    assertThat(sorted(List.of(), 10)).isEmpty();
  }
}
