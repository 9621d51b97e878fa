package io.xsql.tck;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * How queries reach TPC-H data that a {@link TpchFixture} loaded, possibly in another JVM: xsql through the
 * catalog the fixture wrote (which names every source, the MongoDB server's address included), and the
 * reference database directly.
 *
 * @param catalog the catalog file
 * @param referenceDatabase the PostgreSQL database holding all eight tables, if any
 */
public record TpchConnections(Path catalog, Optional<String> referenceDatabase) {
  /** Checks the fields. */
  public TpchConnections {
    requireNonNull(catalog, "catalog is null");
    requireNonNull(referenceDatabase, "referenceDatabase is null");
  }

  /** The connections to what {@code TpchFixture.named(name, sf, directory, true, uri)} loaded. */
  public static TpchConnections named(String name, Path directory) {
    return new TpchConnections(TpchLayout.catalogIn(directory), Optional.of(TpchFixture.referenceName(name)));
  }

  /** The xsql URL of the catalog. */
  public String url() {
    return "jdbc:xsql:catalog=" + catalog;
  }

  /** A direct connection to the reference database. */
  public Connection connectReference() throws SQLException {
    return reference().orElseThrow(() -> new IllegalStateException("no reference database")).connect();
  }

  Optional<TpchDatabase> reference() {
    return referenceDatabase.map(name -> new TpchDatabase(TestDatabase.POSTGRES, name,
        List.of(TpchTableDef.values())));
  }
}
