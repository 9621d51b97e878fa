package io.xsql.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's queries: the join and scan queries the benchmark issue defines (Q1-Q4), and full scans
 * that convert every column of the images file, as JSON Lines (S1) and as CSV (S2), for throughput.
 */
enum BenchQuery {
  Q1("SELECT p.product_id, p.title, i.image FROM products p LEFT JOIN images i ON p.product_id = i.product_id"),
  Q2("SELECT p.title, i.image FROM products p JOIN images i ON p.product_id = i.product_id "
      + "WHERE p.price > 400 AND i.image_type = 'main'"),
  Q3("SELECT p.category_id, COUNT(*), AVG(p.price) FROM products p JOIN images i "
      + "ON p.product_id = i.product_id GROUP BY p.category_id"),
  Q4("SELECT COUNT(*) FROM images WHERE image_type = 'gallery'"),
  S1("SELECT COUNT(*) FROM images WHERE " + everyColumnRead(), "images.jsonl"),
  S2("SELECT COUNT(*) FROM images_csv WHERE " + everyColumnRead(), "images.csv");

  final String sql;
  /** The file a scan reads whole, for its throughput. */
  final Optional<String> scanned;

  BenchQuery(String sql) {
    this.sql = sql;
    this.scanned = Optional.empty();
  }

  BenchQuery(String sql, String scanned) {
    this.sql = sql;
    this.scanned = Optional.of(scanned);
  }

  /** A condition true on every row that makes an engine read and convert every column. */
  private static String everyColumnRead() {
    return "product_id IS NOT NULL AND image IS NOT NULL AND image_type IS NOT NULL";
  }

  /** The queries every engine runs, cold and warm. */
  static List<BenchQuery> joins() {
    return Arrays.stream(values()).filter(q -> q.scanned.isEmpty()).toList();
  }

  /** The full scans, run warm by the engines that read files in place. */
  static List<BenchQuery> scans() {
    return Arrays.stream(values()).filter(q -> q.scanned.isPresent()).toList();
  }
}
