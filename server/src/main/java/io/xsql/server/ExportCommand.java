package io.xsql.server;

import io.xsql.spi.CatalogException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** {@code xsql export --trino DIR}: the catalog as Trino catalog files ({@link TrinoCatalogExport}). */
final class ExportCommand implements Subcommand {

  @Override
  public String usage() {
    return "export --trino DIR --catalog FILE\n"
        + "    Writes DIR/etc/catalog/*.properties for a Trino cluster: Trino's postgresql, mysql, mariadb\n"
        + "    and mongodb connectors for those sources, the xsql connector for the rest; secrets only as\n"
        + "    ${ENV:NAME}. Prints each file with what was mapped how.";
  }

  @Override
  public int run(CommandArgs args, CommandStreams io) throws UsageException, SQLException, IOException {
    args.allowOnly(Set.of("trino", "catalog"));
    args.none();
    Path dir = Path.of(args.option("trino").orElseThrow(() -> new UsageException(
        "xsql export needs --trino DIR, the folder to write etc/catalog/ into")));
    Path catalog = Path.of(args.option("catalog").orElseThrow(() -> new UsageException(
        "xsql export needs --catalog FILE")));
    TrinoCatalogExport.Export export;
    try {
      export = TrinoCatalogExport.of(catalog);
    } catch (CatalogException e) {
      throw new SQLException(e.getMessage(), e.sqlState(), e);
    }
    List<Path> files = TrinoCatalogExport.write(export.catalogs(), dir);
    for (int i = 0; i < files.size(); i++) {
      io.out().println(files.get(i));
      export.catalogs().get(i).notes().forEach(n -> io.out().println("  " + n));
    }
    export.unmapped().forEach(n -> io.out().println("not exported: " + n));
    return XsqlCommand.OK;
  }
}
