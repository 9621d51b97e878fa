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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which versions of file sources' data were read whole and found in their declared order: kept for this
 * JVM, and as marker files in {@code <index_dir>/order/} for later processes, so that a new connection or
 * a freshly started application does not read a large sorted file once more before its first merge join.
 *
 * <p>A marker is a claim that is not checked again, and one planted by someone else would make a merge
 * join trust rows out of order. So markers are kept only in a folder that this user owns and that no one
 * else may write to (created so, on a POSIX file system); a folder that is not trusted keeps none. A
 * marker holds its whole identity (the files' paths, sizes and modification times, the format, settings,
 * columns and sort keys), which must equal the one asked about. Failing to read or write one only costs
 * the check: it never fails a query.
 */
final class FileOrderMarks {
  private static final Logger LOG = LoggerFactory.getLogger(FileOrderMarks.class);
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private final Path folder;

  /** The markers in {@code <indexFolder>/order}. */
  FileOrderMarks(Path indexFolder) {
    this.folder = indexFolder.resolve("order");
  }

  /** Whether the data of this identity was found in order, in this JVM or by an earlier process. */
  boolean known(String identity) {
    if (KNOWN.contains(identity)) {
      return true;
    }
    Path marker = folder.resolve(name(identity));
    try {
      if (trusted() && Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
          && Files.readString(marker, StandardCharsets.UTF_8).equals(identity)) {
        KNOWN.add(identity);
        return true;
      }
    } catch (IOException e) {
      LOG.debug("Reading the order marker {} failed", marker, e);
    }
    return false;
  }

  /** Remembers that the data of this identity was found in order. */
  void found(String identity) {
    KNOWN.add(identity);
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
      Path temp = Files.createTempFile(folder, "order", ".tmp");
      Files.writeString(temp, identity, StandardCharsets.UTF_8);
      Files.move(temp, folder.resolve(name(identity)), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Writing an order marker in {} failed", folder, e);
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

  private static String name(String identity) {
    return FileLookup.sha256(identity).substring(0, 32) + ".ordered";
  }
}
