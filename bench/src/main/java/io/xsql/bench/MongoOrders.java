package io.xsql.bench;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;

/**
 * The MongoDB section's collection, {@code shop.orders}: documents generated from seed 42, the same for the
 * same count, {@code {_id: int, customer: int, status: string, total: double, day: date, items: int}}.
 */
final class MongoOrders {
  static final String DATABASE = "shop";
  static final String COLLECTION = "orders";
  static final List<String> STATUSES = List.of("pending", "paid", "shipped", "delivered", "returned");

  /** Documents per {@code insertMany}: large batches keep the load to a few dozen round trips. */
  private static final int BATCH = 50_000;
  /** The first day orders fall on, 2024-01-01 UTC, and how many days they span. */
  private static final long FIRST_DAY_MILLIS = 1_704_067_200_000L;
  private static final int DAYS = 366;
  private static final long DAY_MILLIS = 86_400_000L;

  private MongoOrders() {}

  /**
   * Inserts orders {@code 0} to {@code documents - 1}, customers drawn from 1 to {@code customers} (the keys
   * file's range, {@link JoinSuite#keys}), totals in cents from 0 to 999.99.
   */
  static void load(MongoCollection<Document> orders, int documents, int customers) {
    Random random = new Random(42);
    List<Document> batch = new ArrayList<>(Math.min(BATCH, documents));
    for (int id = 0; id < documents; id++) {
      batch.add(new Document("_id", id)
          .append("customer", 1 + random.nextInt(customers))
          .append("status", STATUSES.get(random.nextInt(STATUSES.size())))
          .append("total", random.nextInt(100_000) / 100.0)
          .append("day", new Date(FIRST_DAY_MILLIS + random.nextInt(DAYS) * DAY_MILLIS))
          .append("items", 1 + random.nextInt(9)));
      if (batch.size() == BATCH) {
        orders.insertMany(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      orders.insertMany(batch);
    }
  }
}
