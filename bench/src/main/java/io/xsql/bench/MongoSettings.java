package io.xsql.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How the MongoDB section runs.
 *
 * @param documents the orders generated into the in-memory server; customers number a tenth of them
 * @param keys distinct customers in the lookup join's keys file, at most the number of customers
 * @param csv the raw measurements of the section (by default in {@code bench/results/}, which git ignores:
 *     the section in the report is what is kept)
 */
record MongoSettings(int documents, int keys, Path csv) {
  /** Orders per customer, on average: customers are drawn from 1 to documents / 10. */
  static final int ORDERS_PER_CUSTOMER = 10;

  MongoSettings {
    if (documents < ORDERS_PER_CUSTOMER) {
      throw new IllegalArgumentException("--mongo-docs must be at least " + ORDERS_PER_CUSTOMER + ", not "
          + documents);
    }
    if (keys < 1 || keys > documents / ORDERS_PER_CUSTOMER) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "--mongo-keys must be between 1 and the"
          + " number of customers (--mongo-docs / %d = %d), not %d", ORDERS_PER_CUSTOMER,
          documents / ORDERS_PER_CUSTOMER, keys));
    }
  }

  /** Reads the {@code --mongo-*} options of a parsed command line; defaults as {@link BenchSettings#USAGE} says. */
  static MongoSettings of(Map<String, String> options) {
    return new MongoSettings(Integer.parseInt(options.getOrDefault("--mongo-docs", "1000000")),
        Integer.parseInt(options.getOrDefault("--mongo-keys", "1000")),
        Path.of(options.getOrDefault("--mongo-csv", "bench/results/benchmarks-mongo.csv")));
  }

  /** The customers orders are drawn from: 1 to this. */
  int customers() {
    return documents / ORDERS_PER_CUSTOMER;
  }

  /**
   * The largest key a lookup join's keys file draws from (its smallest is 1): a customer, or an order's
   * {@code _id} (orders are numbered from 0, so every key drawn matches one order).
   */
  int keyRange(MongoCase.Part part) {
    return part == MongoCase.Part.LOOKUP_ID ? documents - 1 : customers();
  }
}
