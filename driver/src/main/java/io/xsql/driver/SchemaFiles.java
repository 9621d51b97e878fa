package io.xsql.driver;

import io.xsql.spi.CatalogReader;
import io.xsql.spi.ConfigNode;
import io.xsql.spi.Options;
import io.xsql.spi.SchemaContract;
import java.nio.file.Path;
import java.sql.SQLException;

/** Reads schema contract files ({@code xsql schema} output) outside a catalog, for the command line. */
public final class SchemaFiles {
  private SchemaFiles() {}

  /**
   * Reads a contract file.
   *
   * @throws SQLException F0000 naming the file and line of anything malformed
   */
  public static SchemaContract read(Path file) throws SQLException {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      ConfigNode.Mapping root = new CatalogReader(absolute, System::getenv, "schema file", "tables").read();
      return SchemaContract.read(new Options("schema file " + absolute.getFileName(), root, absolute.getParent()));
    } catch (RuntimeException e) {
      throw XsqlErrors.translate(e);
    }
  }
}
