package io.xsql.server;

import io.xsql.examples.federated.FederatedExample;
import io.xsql.examples.federated.FederatedShop;
import io.xsql.examples.federated.ShopException;
import io.xsql.examples.federated.ShopSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code xsql demo federated}: sets up the shop of {@code examples/federated} in five systems (the local
 * PostgreSQL and MariaDB, an in-memory MongoDB, a loopback REST API, a CSV file), runs the headline query
 * over them, and shows what each source was asked. Options or environment variables name other servers.
 */
final class FederatedDemo {
  /** Where the shop's files lie below the repository root. */
  static final String DATA = "examples/federated";

  private FederatedDemo() {}

  /** Runs the demo; a server that cannot be reached is a message on {@code err} and exit code 1. */
  static int run(CommandArgs args, CommandStreams io, Map<String, String> environment) throws SQLException,
      IOException {
    List<Path> candidates = DemoCommand.candidates(args.option("data"),
        Optional.ofNullable(System.getProperty("xsql.home")), DATA);
    Optional<Path> data = candidates.stream().filter(d -> Files.isRegularFile(d.resolve("prices.csv"))).findFirst();
    if (data.isEmpty()) {
      io.err().println("xsql: cannot find the federated demo's files; looked in " + candidates
          + ". Run xsql from the repository, or pass --data DIR.");
      return XsqlCommand.FAILED;
    }
    ShopSettings defaults = ShopSettings.of(data.get(), environment);
    ShopSettings settings = new ShopSettings(data.get(), args.option("postgres").orElse(defaults.postgresUrl()),
        args.option("mariadb").orElse(defaults.mariadbUrl()), args.option("mongodb").or(defaults::mongodbUri),
        defaults.name());
    io.out().println("Setting up a shop in five systems...");
    try (FederatedShop shop = FederatedShop.open(settings)) {
      show(shop, io.out());
      if (args.option("hold").filter(Boolean::parseBoolean).isPresent()) {
        io.out().println();
        io.out().println("The shop stays up until you press Enter: connect with jdbc:xsql:catalog=" + shop.catalog());
        io.in().ifPresent(in -> awaitEnter(in));
      }
    } catch (ShopException e) {
      io.err().println("xsql: " + e.getMessage());
      return XsqlCommand.FAILED;
    }
    return 0;
  }

  private static void show(FederatedShop shop, PrintStream out) throws SQLException {
    ShopSettings s = shop.settings();
    out.println();
    out.println("customers  MariaDB     " + s.mariadbUrl() + ", database " + s.name());
    out.println("orders     PostgreSQL  " + s.postgresUrl() + ", schema " + s.name());
    out.println("reviews    MongoDB     " + s.mongodbUri().orElse("in memory, in this JVM (mongo-java-server)"));
    out.println("shipments  REST API    a loopback HTTP server in this JVM, paged, ?order_id=1,2,3 for keys");
    out.println("prices     CSV file    " + s.data().resolve("prices.csv"));
    out.println();
    out.println("The catalog (" + shop.catalog() + "):");
    out.println(shop.catalogText());
    out.println(FederatedExample.QUERY + ";");
    out.println();
    try (Connection connection = DriverManager.getConnection(ConnectionUrl.of(shop.catalog().toString()));
        Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery(FederatedExample.QUERY)) {
        ResultFormat.TABLE.print(rs, out);
      }
      out.println();
      out.println("What each source was asked and sent (SELECT ... FROM xsql.queries):");
      try (ResultSet rs = statement.executeQuery("SELECT source, operation, calls, rows_read, request, details"
          + " FROM xsql.queries WHERE query_id = 1")) {
        while (rs.next()) {
          out.printf(Locale.ROOT, "  %-9s %-10s %2d call%s, %3d rows  %s%s%n", rs.getString("source"),
              rs.getString("operation"), rs.getLong("calls"), rs.getLong("calls") == 1 ? " " : "s",
              rs.getLong("rows_read"), rs.getString("request").replaceAll("\\s+", " "),
              Optional.ofNullable(rs.getString("details")).map(d -> " (" + d + ")").orElse(""));
        }
      }
      out.println();
      out.println("The plan (EXPLAIN PLAN FOR):");
      QueryPrinter.explain(connection, FederatedExample.QUERY, out);
    }
  }

  private static void awaitEnter(java.io.InputStream in) {
    try {
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      // The terminal went away: the demo ends as if Enter was pressed.
    }
  }
}
