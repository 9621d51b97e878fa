package io.xsql.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Whether the server answers the lookup's {@code $in} from an index: the keys looked up by {@code customer}
 * before and after {@code createIndex({customer: 1})}, and the same numbers looked up by {@code _id}, whose
 * unique index every collection has. Each with MongoDB's Java driver in the harness's JVM, one untimed run
 * then the timed ones.
 *
 * @param indexes the collection's index names after {@code createIndex}, as {@code listIndexes} gives them
 * @param before the finds by customer before the index
 * @param after the finds by customer after it
 * @param byId the finds by {@code _id}
 */
record MongoIndexCheck(List<String> indexes, Finds before, Finds after, Finds byId) {

  /**
   * The timed runs of one find.
   *
   * @param filter the filter, keys elided
   * @param runs each run's documents and time
   */
  record Finds(String filter, List<Measurement> runs) implements Runs {
    Finds {
      runs = List.copyOf(runs);
    }
  }

  MongoIndexCheck {
    indexes = List.copyOf(indexes);
  }

  /** Measures the finds, creating the index on {@code customer} between the first two. */
  static MongoIndexCheck measure(MongoCollection<Document> orders, List<Integer> keys, int runs) {
    Finds before = finds(orders, "customer", keys, runs);
    orders.createIndex(Indexes.ascending("customer"));
    List<String> indexes = new ArrayList<>();
    orders.listIndexes().forEach(i -> indexes.add(i.getString("name")));
    return new MongoIndexCheck(indexes, before, finds(orders, "customer", keys, runs), finds(orders, "_id", keys,
        runs));
  }

  private static Finds finds(MongoCollection<Document> orders, String field, List<Integer> keys, int runs) {
    Bson filter = Filters.in(field, keys);
    List<Measurement> out = new ArrayList<>();
    for (int r = 0; r <= runs; r++) {
      long t = System.nanoTime();
      long n = 0;
      for (Document ignored : orders.find(filter).projection(Projections.include("_id", "total"))
          .batchSize(MongoBench.BATCH_SIZE)) {
        n++;
      }
      double ms = (System.nanoTime() - t) / 1e6;
      if (r > 0) {
        out.add(new Measurement(n, ms, 0, Double.NaN, Double.NaN));
      }
    }
    return new Finds(String.format(Locale.ROOT, "{%s: {$in: [%,d keys]}}", field, keys.size()), out);
  }
}
