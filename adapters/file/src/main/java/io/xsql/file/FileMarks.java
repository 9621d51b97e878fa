package io.xsql.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What xsql learned about a version of a source's files, kept for this JVM and as marker files in a folder
 * of the index folder for later processes: that the data was found in its declared order ({@link #ORDER}),
 * so that a new connection or a freshly started application does not read a large sorted file once more
 * before its first merge join; the columns inferred from it ({@link #SCHEMA}), so that it does not sample
 * the files again.
 *
 * <p>A marker is a claim that is not checked again, and one planted by someone else would make xsql trust
 * rows out of order or read columns from the wrong keys. So markers are kept only in a folder that this
 * user owns and that no one else may write to (created so, on a POSIX file system); a folder that is not
 * trusted keeps none. A marker holds its whole identity (the files' paths, sizes and modification times,
 * how they are read), which must equal the one asked about. Failing to read or write one only costs the
 * work it would have saved: it never fails a query.
 */
final class FileMarks {
  /** The kind of marker: its folder and its file names' suffix. */
  record Kind(String folder, String suffix) {}

  /** Versions found in their declared order; the marker holds nothing else. */
  static final Kind ORDER = new Kind("order", ".ordered");
  /** The schema inferred from a version ({@link FileSchemaMemo}). */
  static final Kind SCHEMA = new Kind("schema", ".schema");

  private static final Logger LOG = LoggerFactory.getLogger(FileMarks.class);
  /** Facts kept in memory, at most this many: a followed file that grows is a new version per connection. */
  private static final int KNOWN_AT_MOST = 1024;
  private static final Map<String, byte[]> KNOWN = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f,
      true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > KNOWN_AT_MOST;
    }
  });
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private final Kind kind;
  private final Path folder;

  /** The markers of a kind in {@code <indexFolder>/<kind's folder>}. */
  FileMarks(Path indexFolder, Kind kind) {
    this.kind = kind;
    this.folder = indexFolder.resolve(kind.folder());
  }

  /** What was noted about the data of this identity, in this JVM or by an earlier process. */
  Optional<byte[]> get(String identity) {
    byte[] known = KNOWN.get(key(identity));
    if (known != null) {
      return Optional.of(known);
    }
    Path marker = folder.resolve(name(identity));
    try {
      if (trusted() && Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
        // The identity, a zero byte (which no path or setting holds), then what was noted.
        byte[] content = Files.readAllBytes(marker);
        byte[] expected = identity.getBytes(StandardCharsets.UTF_8);
        if (content.length > expected.length && content[expected.length] == 0
            && Arrays.equals(content, 0, expected.length, expected, 0, expected.length)) {
          byte[] fact = Arrays.copyOfRange(content, expected.length + 1, content.length);
          KNOWN.put(key(identity), fact);
          return Optional.of(fact);
        }
      }
    } catch (IOException e) {
      LOG.debug("Reading the marker {} failed", marker, e);
    }
    return Optional.empty();
  }

  /** Notes a fact about the data of this identity. */
  void put(String identity, byte[] fact) {
    KNOWN.put(key(identity), fact);
    try {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(folder.getParent());
        try {
          Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
          // made by another connection meanwhile; trusted() judges it
        }
      }
      if (!trusted()) {
        return;
      }
      byte[] id = identity.getBytes(StandardCharsets.UTF_8);
      byte[] content = Arrays.copyOf(id, id.length + 1 + fact.length);
      System.arraycopy(fact, 0, content, id.length + 1, fact.length);
      Path temp = Files.createTempFile(folder, kind.folder(), ".tmp");
      Files.write(temp, content);
      Files.move(temp, folder.resolve(name(identity)), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Writing a marker in {} failed", folder, e);
    }
  }

  /** Whether the folder is a real folder of this user's that no one else may write to. */
  private boolean trusted() throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return false;
    }
    PosixFileAttributes attributes = view.readAttributes();
    Set<PosixFilePermission> permissions = attributes.permissions();
    return attributes.isDirectory() && !permissions.contains(PosixFilePermission.GROUP_WRITE)
        && !permissions.contains(PosixFilePermission.OTHERS_WRITE)
        && attributes.owner().equals(folder.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name")));
  }

  private String key(String identity) {
    return kind.folder() + "\n" + identity;
  }

  private String name(String identity) {
    return FileLookup.sha256(identity).substring(0, 32) + kind.suffix();
  }
}
