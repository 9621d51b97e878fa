package io.xsql.mongodb;

import com.mongodb.MongoException;
import io.xsql.spi.TablePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection cut into {@code _id} ranges of about a given size, for an engine that reads the parts on
 * several machines. The collection's size comes from {@code collStats}; the boundaries are the {@code _id}s
 * found at evenly spaced positions of the {@code _id} order, each a {@code find} for the ids above the one
 * before with {@code sort}, {@code skip} and {@code limit 1}, which walks the {@code _id} index. A part's name
 * is its filter on {@code _id} in canonical extended JSON, so that it travels as text and keeps each
 * boundary's BSON type.
 *
 * <p>The first part is everything not at or above the first boundary ({@code $not: {$gte: b1}}), the others
 * {@code [b(i), b(i+1))} and the last {@code $gte} its boundary: MongoDB compares a value only with values of
 * its own type (type bracketing; all numbers are one), so the boundaries are of the first one's type, the
 * first part also takes any document whose {@code _id} is of another, and the parts read every document once.
 */
final class MongoParts {
  private static final Logger LOG = LoggerFactory.getLogger(MongoParts.class);
  private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
      .build();
  private static final String ID = "_id";

  private final MongoTable table;

  MongoParts(MongoTable table) {
    this.table = table;
  }

  /** The parts of about {@code bytesPerPart} bytes of documents, or the whole table when it is smaller. */
  List<TablePart> parts(long bytesPerPart) {
    if (bytesPerPart <= 0) {
      throw new IllegalArgumentException("bytesPerPart must be positive: " + bytesPerPart);
    }
    BsonDocument stats = stats();
    // A collection that does not exist yet has no sizes.
    long documents = stats.getNumber("count", new BsonInt32(0)).longValue();
    long bytes = stats.getNumber("size", new BsonInt32(0)).longValue();
    long parts = Math.min(documents, (bytes + bytesPerPart - 1) / bytesPerPart);
    if (parts <= 1) {
      return List.of(TablePart.WHOLE);
    }
    long step = documents / parts;
    List<BsonValue> bounds = new ArrayList<>();
    Optional<BsonValue> next = boundary(new BsonDocument(), step);
    while (next.isPresent()) {
      bounds.add(next.get());
      // After the last boundary, so that boundaries only grow, and of its type (bracketing) only.
      next = bounds.size() == parts - 1 ? Optional.empty()
          : boundary(new BsonDocument(ID, new BsonDocument("$gt", next.get())), step - 1);
    }
    if (bounds.isEmpty()) {
      return List.of(TablePart.WHOLE);
    }
    List<TablePart> out = new ArrayList<>();
    out.add(part(new BsonDocument("$not", new BsonDocument("$gte", bounds.get(0)))));
    for (int i = 1; i < bounds.size(); i++) {
      out.add(part(new BsonDocument("$gte", bounds.get(i - 1)).append("$lt", bounds.get(i))));
    }
    out.add(part(new BsonDocument("$gte", bounds.get(bounds.size() - 1))));
    LOG.debug("{}: {} parts of about {} documents", table.where(), out.size(), step);
    return out;
  }

  /** The filter on {@code _id} of a part that {@link #parts} gave. */
  static BsonDocument filter(TablePart part) {
    BsonDocument filter;
    try {
      filter = BsonDocument.parse(part.name());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a part of a MongoDB collection: " + part, e);
    }
    if (!part.isWhole() || !filter.keySet().equals(Set.of(ID))) {
      throw new IllegalArgumentException("not a part of a MongoDB collection: " + part);
    }
    return filter;
  }

  private static TablePart part(BsonDocument range) {
    return TablePart.whole(new BsonDocument(ID, range).toJson(CANONICAL));
  }

  private BsonDocument stats() {
    try {
      return table.database().runCommand(new BsonDocument("collStats", new BsonString(table.collection())),
          BsonDocument.class);
    } catch (MongoException e) {
      throw MongoErrors.translate(table.config(), "sizing collection '" + table.collection() + "'", e);
    }
  }

  /** The {@code _id} of the document {@code skip} documents into those {@code filter} keeps, in {@code _id} order. */
  private Optional<BsonValue> boundary(BsonDocument filter, long skip) {
    BsonDocument id = new BsonDocument(ID, new BsonInt32(1));
    try {
      return Optional.ofNullable(table.collection(BsonDocument.class).find(filter).projection(id).sort(id)
          .skip(Math.toIntExact(skip)).limit(1).first()).map(d -> d.get(ID));
    } catch (MongoException e) {
      throw MongoErrors.translate(table.config(), "splitting collection '" + table.collection() + "'", e);
    }
  }
}
