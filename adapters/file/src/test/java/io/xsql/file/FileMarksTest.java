package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileMarksTest {
  private static final byte[] FACT = "columns".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  /** An identity no other test (and no earlier call in this JVM) has used. */
  private static String identity() {
    return "[[/data/k.jsonl, 12, 2026-12-07T08:00:00Z]]\nJSONL\n" + UUID.randomUUID();
  }

  private Path marker(String identity) {
    return dir.resolve("order").resolve(FileLookup.sha256(identity).substring(0, 32) + ".ordered");
  }

  /** A marker's bytes: the identity, a zero byte, the fact. */
  private static byte[] content(String identity, byte[] fact) {
    byte[] id = identity.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[id.length + 1 + fact.length];
    System.arraycopy(id, 0, out, 0, id.length);
    System.arraycopy(fact, 0, out, id.length + 1, fact.length);
    return out;
  }

  @Test
  void aFactIsKeptInAFolderOnlyItsOwnerMayUse() throws IOException {
    String identity = identity();
    FileMarks marks = new FileMarks(dir, FileMarks.ORDER);
    assertThat(marks.get(identity)).isEmpty();
    marks.put(identity, FACT);
    assertThat(marks.get(identity)).hasValueSatisfying(f -> assertThat(f).isEqualTo(FACT));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("order"))))
        .isEqualTo("rwx------");
    assertThat(Files.readAllBytes(marker(identity))).isEqualTo(content(identity, FACT));
    assertThat(marks.get(identity() + "other")).isEmpty();
    // Kinds are apart: the same identity has no schema.
    assertThat(new FileMarks(dir, FileMarks.SCHEMA).get(identity)).isEmpty();
  }

  @Test
  void aMarkerIsTrustedOnlyInAFolderNoOneElseMayWriteTo() throws IOException {
    String identity = identity();
    Path folder = Files.createDirectory(dir.resolve("order"));
    Files.write(marker(identity), content(identity, FACT));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(new FileMarks(dir, FileMarks.ORDER).get(identity)).isEmpty();
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    assertThat(new FileMarks(dir, FileMarks.ORDER).get(identity))
        .hasValueSatisfying(f -> assertThat(f).isEqualTo(FACT));
  }

  @Test
  void aMarkerMustHoldTheWholeIdentityAskedAbout() throws IOException {
    String identity = identity();
    Path folder = Files.createDirectory(dir.resolve("order"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.write(folder.resolve(marker(identity).getFileName()), content(identity + " but another file", FACT));
    assertThat(new FileMarks(dir, FileMarks.ORDER).get(identity)).isEmpty();
    Files.writeString(folder.resolve(marker(identity).getFileName()), identity, StandardCharsets.UTF_8);
    assertThat(new FileMarks(dir, FileMarks.ORDER).get(identity)).isEmpty();
  }

  @Test
  void anUnwritableFolderOnlyCostsTheWork() throws IOException {
    String identity = identity();
    Files.writeString(dir.resolve("order"), "a file where the folder should be");
    FileMarks marks = new FileMarks(dir, FileMarks.ORDER);
    marks.put(identity, FACT);
    // This JVM still knows; a later process would do the work again.
    assertThat(marks.get(identity)).isPresent();
    assertThat(Files.isRegularFile(dir.resolve("order"))).isTrue();
  }

  @Test
  void memoryKeepsTheNewestFactsOnly() throws IOException {
    Files.writeString(dir.resolve("order"), "a file where the folder should be");
    FileMarks marks = new FileMarks(dir, FileMarks.ORDER);
    String first = identity();
    marks.put(first, FACT);
    String second = identity();
    marks.put(second, FACT);
    for (int i = 0; i < 1023; i++) {
      marks.get(second);
      marks.put(identity(), FACT);
    }
    // A process that connects to ever new versions (a growing file) must not keep each in memory for ever.
    assertThat(marks.get(first)).isEmpty();
    assertThat(marks.get(second)).isPresent();
  }
}
