package io.xsql.tck;

import static io.xsql.tck.TpchTableDef.CUSTOMER;
import static io.xsql.tck.TpchTableDef.LINEITEM;
import static io.xsql.tck.TpchTableDef.NATION;
import static io.xsql.tck.TpchTableDef.ORDERS;
import static io.xsql.tck.TpchTableDef.PART;
import static io.xsql.tck.TpchTableDef.PARTSUPP;
import static io.xsql.tck.TpchTableDef.REGION;
import static io.xsql.tck.TpchTableDef.SUPPLIER;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the TPC-H tables live when spread over sources, and the catalog that names them: lineitem and
 * orders in PostgreSQL (source {@code pg}), customer, nation and region in MariaDB (source {@code my}), part
 * in MongoDB (source {@code mg}), partsupp as a CSV file and supplier as a JSON Lines file (sources named after
 * the tables). Queries then read {@code pg.lineitem}, {@code my.customer}, {@code mg.part}, {@code partsupp}...
 *
 * @param postgresDatabase the PostgreSQL database holding {@link #POSTGRES_TABLES}
 * @param mariadbDatabase the MariaDB database holding {@link #MARIADB_TABLES}
 * @param mongoUri the MongoDB server holding {@link #MONGODB_TABLES}, a connection string without a database
 *     ({@code mongodb://127.0.0.1:27017}); the tck and the benchmark start mongo-java-server for it
 * @param mongoDatabase the MongoDB database holding them
 * @param directory the folder of the files and of the catalog
 */
public record TpchLayout(String postgresDatabase, String mariadbDatabase, String mongoUri, String mongoDatabase,
    Path directory) {
  /** The catalog's name for the PostgreSQL source. */
  public static final String POSTGRES_SOURCE = "pg";
  /** The catalog's name for the MariaDB source. */
  public static final String MARIADB_SOURCE = "my";
  /** The catalog's name for the MongoDB source. */
  public static final String MONGODB_SOURCE = "mg";
  /** The tables in PostgreSQL. */
  public static final List<TpchTableDef> POSTGRES_TABLES = List.of(LINEITEM, ORDERS);
  /** The tables in MariaDB. */
  public static final List<TpchTableDef> MARIADB_TABLES = List.of(CUSTOMER, NATION, REGION);
  /** The tables in MongoDB. */
  public static final List<TpchTableDef> MONGODB_TABLES = List.of(PART);
  /** The tables in CSV files. */
  public static final List<TpchTableDef> CSV_TABLES = List.of(PARTSUPP);
  /** The tables in JSON Lines files. */
  public static final List<TpchTableDef> JSONL_TABLES = List.of(SUPPLIER);

  /** Checks the fields. */
  public TpchLayout {
    requireNonNull(postgresDatabase, "postgresDatabase is null");
    requireNonNull(mariadbDatabase, "mariadbDatabase is null");
    requireNonNull(mongoUri, "mongoUri is null");
    requireNonNull(mongoDatabase, "mongoDatabase is null");
    requireNonNull(directory, "directory is null");
  }

  /** The catalog file, in the folder of the files. */
  public Path catalog() {
    return catalogIn(directory);
  }

  /** The catalog file a layout writes in a folder. */
  static Path catalogIn(Path directory) {
    return directory.resolve("tpch.yaml");
  }

  /** The catalog's text. */
  public String catalogText() {
    StringBuilder b = new StringBuilder("# TPC-H across sources, written by io.xsql.tck.TpchFixture.\nsources:\n");
    b.append("  ").append(POSTGRES_SOURCE).append(": ").append(postgres().catalogEntry()).append('\n');
    b.append("  ").append(MARIADB_SOURCE).append(": ").append(mariadb().catalogEntry()).append('\n');
    b.append("  ").append(MONGODB_SOURCE).append(": ").append(mongo().catalogEntry()).append('\n');
    files().catalogEntries().forEach(line -> b.append(line).append('\n'));
    return b.toString();
  }

  TpchDatabase postgres() {
    return new TpchDatabase(TestDatabase.POSTGRES, postgresDatabase, POSTGRES_TABLES);
  }

  TpchDatabase mariadb() {
    return new TpchDatabase(TestDatabase.MARIADB, mariadbDatabase, MARIADB_TABLES);
  }

  TpchMongo mongo() {
    return new TpchMongo(mongoUri, mongoDatabase, MONGODB_TABLES);
  }

  TpchFiles files() {
    return new TpchFiles(directory, CSV_TABLES, JSONL_TABLES);
  }
}
