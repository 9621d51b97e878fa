package io.xsql.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.AggregateIterable;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoIterable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The query one scan sends, a {@code find}, or a pipeline when the table unwinds an array or groups: what EXPLAIN
 * shows is what runs.
 *
 * @param unwind the array whose elements are the rows, if any
 * @param filter the query filter; empty for all documents
 * @param sort the sort the limit applies after, MongoDB's way; empty for none
 * @param group a {@code $group} stage computing the scan's GROUP BY, if any
 * @param fields the dotted paths to return ({@code _id} always comes along, so errors can name the document;
 *     a path below another is left to it, as MongoDB refuses both in one projection)
 * @param limit the most documents to return
 */
record MongoQuery(Optional<MongoUnwind> unwind, BsonDocument filter, BsonDocument sort,
    Optional<BsonDocument> group, List<String> fields, OptionalLong limit) {
  private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  MongoQuery {
    requireNonNull(unwind, "unwind is null");
    requireNonNull(filter, "filter is null");
    requireNonNull(sort, "sort is null");
    requireNonNull(group, "group is null");
    fields = List.copyOf(fields);
    requireNonNull(limit, "limit is null");
  }

  /**
   * The query on a collection, returning documents in batches; with {@code maxTimeMS} when the query has a
   * timeout, so that the server stops too.
   */
  MongoIterable<RawBsonDocument> open(MongoCollection<RawBsonDocument> collection, int batchSize,
      OptionalLong millisLeft) {
    if (unwind.isPresent() || group.isPresent()) {
      AggregateIterable<RawBsonDocument> aggregate = collection.aggregate(pipeline()).batchSize(batchSize);
      millisLeft.ifPresent(ms -> aggregate.maxTime(ms, TimeUnit.MILLISECONDS));
      return aggregate;
    }
    FindIterable<RawBsonDocument> find = collection.find(filter).projection(projection()).batchSize(batchSize);
    millisLeft.ifPresent(ms -> find.maxTime(ms, TimeUnit.MILLISECONDS));
    if (!sort.isEmpty()) {
      find.sort(sort);
    }
    if (sentLimit().isPresent()) {
      find.limit(sentLimit().getAsInt());
    }
    return find;
  }

  private List<BsonDocument> pipeline() {
    List<BsonDocument> stages = new ArrayList<>();
    unwind.ifPresent(u -> stages.add(u.stage()));
    if (!filter.isEmpty()) {
      stages.add(new BsonDocument("$match", filter));
    }
    if (group.isPresent()) {
      stages.add(group.get());
      return stages;
    }
    if (!sort.isEmpty()) {
      stages.add(new BsonDocument("$sort", sort));
    }
    stages.add(new BsonDocument("$project", projection()));
    sentLimit().ifPresent(n -> stages.add(new BsonDocument("$limit", new BsonInt32(n))));
    return stages;
  }

  /** The requested paths and {@code _id}. */
  private BsonDocument projection() {
    List<String> all = new ArrayList<>(fields);
    all.add("_id");
    BsonDocument projection = new BsonDocument();
    for (String f : all) {
      if (all.stream().noneMatch(other -> f.startsWith(other + "."))) {
        projection.put(f, new BsonInt32(1));
      }
    }
    return projection;
  }

  /** A limit of 0 means none to MongoDB: the cursor answers LIMIT 0 without asking. */
  private OptionalInt sentLimit() {
    return limit.isPresent() && limit.getAsLong() > 0 && limit.getAsLong() <= Integer.MAX_VALUE
        ? OptionalInt.of((int) limit.getAsLong()) : OptionalInt.empty();
  }

  @Override
  public String toString() {
    if (unwind.isPresent() || group.isPresent()) {
      return "aggregate " + pipeline().stream().map(stage -> stage.toJson(JSON))
          .collect(Collectors.joining(", ", "[", "]"));
    }
    return "find " + filter.toJson(JSON) + (sort.isEmpty() ? "" : " sort " + sort.toJson(JSON))
        + (limit.isPresent() ? " limit " + limit.getAsLong() : "");
  }
}
