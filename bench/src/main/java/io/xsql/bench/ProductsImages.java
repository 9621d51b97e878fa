package io.xsql.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The benchmark data set, as {@code shared/bench/gen_products_images.py} defines it: N products and about
 * three images each, both files sorted by {@code product_id}. Output is byte-identical to the script's.
 */
public final class ProductsImages {
  private static final String[] TYPES = {"main", "thumbnail", "gallery"};
  private static final int[] IMAGE_COUNTS = {0, 2, 3, 3, 4, 6};

  private ProductsImages() {}

  /** Writes {@code products.jsonl} and {@code images.jsonl} into a folder. */
  public static void generate(Path dir, int products, long seed) throws IOException {
    Files.createDirectories(dir);
    PythonRandom rnd = new PythonRandom(seed);
    try (BufferedWriter p = Files.newBufferedWriter(dir.resolve("products.jsonl"), StandardCharsets.UTF_8);
        BufferedWriter im = Files.newBufferedWriter(dir.resolve("images.jsonl"), StandardCharsets.UTF_8)) {
      for (int pid = 1; pid <= products; pid++) {
        int checked = rnd.randint(0, 1);
        String price = pythonFloat(rnd.uniform(1, 500));
        int category = rnd.randint(1, 50);
        p.write("{\"product_id\": " + pid + ", \"title\": \"Product " + pid + "\", \"checked\": " + checked
            + ", \"price\": " + price + ", \"category_id\": " + category + "}\n");
        int images = IMAGE_COUNTS[rnd.below(IMAGE_COUNTS.length)];
        for (int k = 0; k < images; k++) {
          im.write("{\"product_id\": " + pid + ", \"image\": \"img" + pid + "_" + k + ".jpg\", \"image_type\": \""
              + TYPES[k % 3] + "\"}\n");
        }
      }
    }
  }

  /**
   * Writes {@code products.csv} and {@code images.csv} beside the JSON Lines files, with a header: text in
   * quotes, numbers as they are (H2 imports them; the CSV scan reads them).
   */
  static void writeCsv(Path dir) throws IOException {
    for (String table : new String[] {"products", "images"}) {
      List<JsonlRows.Field> fields = JsonlRows.fields(table);
      try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(table + ".csv"), StandardCharsets.UTF_8)) {
        out.write(fields.stream().map(JsonlRows.Field::name).collect(Collectors.joining(",")));
        out.write('\n');
        Iterator<Object[]> rows = JsonlRows.read(dir.resolve(table + ".jsonl"), fields);
        while (rows.hasNext()) {
          out.write(Arrays.stream(rows.next()).map(v -> v instanceof String text
              ? "\"" + text.replace("\"", "\"\"") + "\"" : v == null ? "" : String.valueOf(v))
              .collect(Collectors.joining(",")));
          out.write('\n');
        }
      }
    }
  }

  /**
   * {@code json.dumps(round(x, 2))}: Python rounds the exact binary value half-even and prints the shortest
   * text that reads back as the same double, which for two decimals is the rounded decimal itself.
   */
  static String pythonFloat(double x) {
    BigDecimal rounded = new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.scale() <= 0 ? rounded.setScale(1).toPlainString() : rounded.toPlainString();
  }

  /** {@code ProductsImages OUTDIR [N] [SEED]}, like the Python script. */
  public static void main(String[] args) throws IOException {
    generate(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 100_000,
        args.length > 2 ? Long.parseLong(args[2]) : 42);
  }
}
