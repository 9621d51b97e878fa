package io.xsql.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The {@code find} one scan sends: what EXPLAIN shows is what runs.
 *
 * @param filter the query filter; empty for all documents
 * @param fields the dotted paths to return ({@code _id} always comes along, so errors can name the document)
 * @param limit the most documents to return
 */
record MongoQuery(BsonDocument filter, List<String> fields, OptionalLong limit) {
  private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  MongoQuery {
    requireNonNull(filter, "filter is null");
    fields = List.copyOf(fields);
    requireNonNull(limit, "limit is null");
  }

  /** The query on a collection, returning documents in batches. */
  FindIterable<RawBsonDocument> find(MongoCollection<RawBsonDocument> collection, int batchSize) {
    List<String> included = new ArrayList<>(fields);
    if (!included.contains("_id")) {
      included.add("_id");
    }
    FindIterable<RawBsonDocument> find = collection.find(filter).projection(Projections.include(included))
        .batchSize(batchSize);
    // A limit of 0 means none to MongoDB; the cursor answers LIMIT 0 without asking.
    if (limit.isPresent() && limit.getAsLong() <= Integer.MAX_VALUE) {
      find.limit((int) limit.getAsLong());
    }
    return find;
  }

  @Override
  public String toString() {
    return "find " + filter.toJson(JSON) + (limit.isPresent() ? " limit " + limit.getAsLong() : "");
  }
}
