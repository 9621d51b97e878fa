package io.xsql.examples.federated;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the federated shop puts its data: the PostgreSQL and MariaDB servers (JDBC URLs, user and password
 * as URL properties), a MongoDB server or, when none is named, one started in this JVM, and the names of
 * the PostgreSQL schema and MariaDB database it creates and drops again.
 *
 * @param data the folder of the shop's files ({@code examples/federated})
 * @param postgresUrl a PostgreSQL database the shop may create a schema in
 * @param mariadbUrl a MariaDB (or MySQL) server the shop may create a database on
 * @param mongodbUri a MongoDB server; empty to start one in this JVM (mongo-java-server, in memory)
 * @param name the PostgreSQL schema, MariaDB database and MongoDB database the shop creates
 */
public record ShopSettings(Path data, String postgresUrl, String mariadbUrl, Optional<String> mongodbUri,
    String name) {
  /** The environment variable naming another PostgreSQL database. */
  public static final String POSTGRES_VARIABLE = "XSQL_DEMO_POSTGRES";
  /** The environment variable naming another MariaDB server. */
  public static final String MARIADB_VARIABLE = "XSQL_DEMO_MARIADB";
  /** The environment variable naming a MongoDB server to use instead of the embedded one. */
  public static final String MONGODB_VARIABLE = "XSQL_DEMO_MONGODB";
  /** The local PostgreSQL, database {@code test}, as the tests and {@code .ci/run} have it. */
  public static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  /** The local MariaDB as root without a password. */
  public static final String DEFAULT_MARIADB = "jdbc:mariadb://127.0.0.1:3306/?user=root";
  /** The schema and databases the demo creates. */
  public static final String DEFAULT_NAME = "xsql_demo";

  /** Checks the fields. */
  public ShopSettings {
    Objects.requireNonNull(data, "data is null");
    Objects.requireNonNull(postgresUrl, "postgresUrl is null");
    Objects.requireNonNull(mariadbUrl, "mariadbUrl is null");
    Objects.requireNonNull(mongodbUri, "mongodbUri is null");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a shop name is lower-case letters, digits and _: " + name);
    }
  }

  /** The local services, or those the environment names ({@link #POSTGRES_VARIABLE} and the others). */
  public static ShopSettings of(Path data, Map<String, String> environment) {
    return new ShopSettings(data, environment.getOrDefault(POSTGRES_VARIABLE, DEFAULT_POSTGRES),
        environment.getOrDefault(MARIADB_VARIABLE, DEFAULT_MARIADB),
        Optional.ofNullable(environment.get(MONGODB_VARIABLE)), DEFAULT_NAME);
  }

  /** The same servers, with other names for what the shop creates (tests use their own). */
  public ShopSettings named(String other) {
    return new ShopSettings(data, postgresUrl, mariadbUrl, mongodbUri, other);
  }
}
