package io.xsql.server;

import io.xsql.driver.XsqlConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code xsql demo}: joins the bundled CSV file, JSONL file and a Java list in one query, then shows the
 * plan. The catalog is {@code examples/demo/catalog.yaml}, looked up under {@code xsql.home} (which
 * {@code bin/xsql} sets to the repository) and then under the working directory.
 */
final class DemoCommand implements Subcommand {
  /** Where the demo catalog lies below the repository root. */
  static final String CATALOG = "examples/demo/catalog.yaml";

  static final String QUERY = """
      SELECT s.name AS supplier, s.country, p.name AS product, pr.amount, pr.currency
      FROM suppliers s
      JOIN products p ON p.supplier_id = s.supplier_id
      JOIN prices pr ON pr.productId = p.product_id
      ORDER BY p.product_id""";

  /** A list price, as an application would hold it; registered as the table {@code prices}. */
  record Price(int productId, String currency, BigDecimal amount) {}

  /** Prices for all products but one, so that the inner join visibly drops a row. */
  static final List<Price> PRICES = List.of(
      new Price(101, "EUR", new BigDecimal("899.00")),
      new Price(102, "EUR", new BigDecimal("329.00")),
      new Price(103, "EUR", new BigDecimal("549.00")),
      new Price(104, "EUR", new BigDecimal("249.50")),
      new Price(105, "EUR", new BigDecimal("139.90")),
      new Price(106, "EUR", new BigDecimal("34.00")),
      new Price(107, "EUR", new BigDecimal("89.00")),
      new Price(108, "JPY", new BigDecimal("6800")),
      new Price(109, "JPY", new BigDecimal("12500")),
      new Price(110, "USD", new BigDecimal("189.00")));

  @Override
  public String usage() {
    return "demo [--catalog FILE]\n"
        + "    Joins a CSV file, a JSONL file and a Java list in one query, and shows the plan\n"
        + "    (default catalog: " + CATALOG + ").\n"
        + "  demo federated [--postgres URL] [--mariadb URL] [--mongodb URI] [--hold true]\n"
        + "    Loads a shop into MariaDB, PostgreSQL, MongoDB (in memory unless named), a REST API and a CSV\n"
        + "    file, and joins all five in one query (the local PostgreSQL and MariaDB unless named, or\n"
        + "    XSQL_DEMO_POSTGRES, XSQL_DEMO_MARIADB, XSQL_DEMO_MONGODB); --hold true keeps it up until Enter.";
  }

  @Override
  public int run(CommandArgs args, CommandStreams io) throws UsageException, SQLException, IOException {
    if (args.operands().equals(List.of("federated"))) {
      args.allowOnly(Set.of("postgres", "mariadb", "mongodb", "hold", "data"));
      return FederatedDemo.run(args, io, System.getenv());
    }
    args.allowOnly(Set.of("catalog"));
    args.none();
    List<Path> candidates = candidates(args.option("catalog"),
        Optional.ofNullable(System.getProperty("xsql.home")), CATALOG);
    Optional<Path> catalog = candidates.stream().filter(Files::isRegularFile).findFirst();
    if (catalog.isEmpty()) {
      io.err().println("xsql: cannot find the demo catalog; looked for " + candidates
          + ". Run xsql from the repository, or pass --catalog FILE.");
      return 1;
    }
    try (Connection connection =
        DriverManager.getConnection(ConnectionUrl.of(catalog.get().toString()))) {
      connection.unwrap(XsqlConnection.class).register("prices", Price.class, PRICES);
      show(connection, io.out(), io.err());
    }
    return 0;
  }

  /**
   * Where to look for a demo's file or folder, in order: the option alone when given, else under home, then
   * here.
   */
  static List<Path> candidates(Optional<String> option, Optional<String> home, String relative) {
    if (option.isPresent()) {
      return List.of(Path.of(option.get()));
    }
    List<Path> out = new ArrayList<>();
    home.ifPresent(h -> out.add(Path.of(h).resolve(relative)));
    out.add(Path.of(relative));
    return out;
  }

  private static void show(Connection connection, PrintStream out, PrintStream err)
      throws SQLException {
    out.println("Joining suppliers.csv (CSV) with products.jsonl (JSONL) and prices "
        + "(a Java List<Price> registered in-process):");
    out.println();
    QueryPrinter.query(connection, QUERY, ResultFormat.TABLE, out, err);
    out.println();
    out.println("Plan:");
    QueryPrinter.explain(connection, QUERY, out);
  }
}
