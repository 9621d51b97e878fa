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

final class FileOrderMarksTest {
  @TempDir
  Path dir;

  /** An identity no other test (and no earlier call in this JVM) has used. */
  private static String identity() {
    return "[[/data/k.jsonl, 12, 2026-12-07T08:00:00Z]]\nJSONL\n" + UUID.randomUUID();
  }

  private Path marker(String identity) {
    return dir.resolve("order").resolve(FileLookup.sha256(identity).substring(0, 32) + ".ordered");
  }

  @Test
  void aFoundOrderIsKeptInAFolderOnlyItsOwnerMayUse() throws IOException {
    String identity = identity();
    FileOrderMarks marks = new FileOrderMarks(dir);
    assertThat(marks.known(identity)).isFalse();
    marks.found(identity);
    assertThat(marks.known(identity)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("order"))))
        .isEqualTo("rwx------");
    assertThat(Files.readString(marker(identity))).isEqualTo(identity);
    assertThat(marks.known(identity() + "other")).isFalse();
  }

  @Test
  void aMarkerIsTrustedOnlyInAFolderNoOneElseMayWriteTo() throws IOException {
    String identity = identity();
    Path folder = Files.createDirectory(dir.resolve("order"));
    Files.writeString(marker(identity), identity, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(new FileOrderMarks(dir).known(identity)).isFalse();
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    assertThat(new FileOrderMarks(dir).known(identity)).isTrue();
  }

  @Test
  void aMarkerMustHoldTheWholeIdentityAskedAbout() throws IOException {
    String identity = identity();
    Path folder = Files.createDirectory(dir.resolve("order"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(folder.resolve(marker(identity).getFileName()), identity + " but another file",
        StandardCharsets.UTF_8);
    assertThat(new FileOrderMarks(dir).known(identity)).isFalse();
  }

  @Test
  void anUnwritableFolderOnlyCostsTheCheck() throws IOException {
    String identity = identity();
    Files.writeString(dir.resolve("order"), "a file where the folder should be");
    FileOrderMarks marks = new FileOrderMarks(dir);
    marks.found(identity);
    // This JVM still knows; a later process would check again.
    assertThat(marks.known(identity)).isTrue();
    assertThat(Files.isRegularFile(dir.resolve("order"))).isTrue();
  }
}
