package io.xsql.server;

import io.xsql.driver.SchemaFiles;
import io.xsql.driver.XsqlConnection;
import io.xsql.spi.SchemaContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code xsql schema}: writes the columns of a schemaless source (MongoDB) as inferred from fresh samples, as
 * a contract file its {@code schema:} key can read; or compares such a file with the data as it is now.
 */
final class SchemaCommand implements Subcommand {

  @Override
  public String usage() {
    return "schema [--catalog FILE] [--diff CONTRACT] SOURCE\n"
        + "    Samples every table of SOURCE (MongoDB) and prints its columns as YAML: save it and set the\n"
        + "    source's 'schema:' to the file to skip sampling and report drift. With --diff, prints how the\n"
        + "    data departs from CONTRACT instead, and fails if it does.";
  }

  @Override
  public int run(CommandArgs args, CommandStreams io) throws UsageException, SQLException {
    args.allowOnly(Set.of("catalog", "diff"));
    String source = args.single("SOURCE name");
    Optional<SchemaContract> promised = Optional.empty();
    if (args.option("diff").isPresent()) {
      promised = Optional.of(SchemaFiles.read(Path.of(args.option("diff").get())));
    }
    try (Connection connection = DriverManager.getConnection(ConnectionUrl.of(args.option("catalog")))) {
      SchemaContract inferred = connection.unwrap(XsqlConnection.class).inferSchema(source)
          .orElseThrow(() -> new SQLException("source '" + source + "' declares its tables' types itself;"
              + " xsql schema is for schemaless sources such as MongoDB", "42000"));
      if (promised.isEmpty()) {
        io.out().print(inferred.toYaml(source));
        return XsqlCommand.OK;
      }
      List<String> differences = promised.get().differences(inferred);
      differences.forEach(io.out()::println);
      return differences.isEmpty() ? XsqlCommand.OK : XsqlCommand.FAILED;
    }
  }
}
