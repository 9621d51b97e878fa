package io.xsql.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.xsql.spi.ValueCounts;
import io.xsql.spi.Aggregation;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SortOrder;
import io.xsql.spi.TablePart;
import io.xsql.spi.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection as a table. Its columns come from the first {@code sample_size} documents, read when the
 * engine first asks for them, and the catalog's types; a scan is one {@code find} with the filters MongoDB
 * decides exactly ({@link MongoFilters}), the limit, and a projection of the fields the query reads. Lookups
 * by key are {@code $in} filters on the same path ({@link MongoLookup}).
 */
final class MongoTable implements DataTable {
  private static final Logger LOG = LoggerFactory.getLogger(MongoTable.class);

  private final MongoSource source;
  private final String collection;
  private final String name;
  private final Optional<MongoUnwind> unwind;
  private final MongoIndexes indexes = new MongoIndexes(this);
  private MongoSchema schema;
  /** Rows per document in the sample: 1 unless the table unwinds an array. */
  private double rowsPerDocument = 1;
  private OptionalLong rowCount;

  /** The table of a collection's documents. */
  MongoTable(MongoSource source, String collection) {
    this(source, collection, collection, Optional.empty());
  }

  /**
   * @param collection the collection read
   * @param name the table's name: the collection's, or the one the catalog gives an unwind table
   * @param unwind the array whose elements are the rows, if any
   */
  MongoTable(MongoSource source, String collection, String name, Optional<MongoUnwind> unwind) {
    this.source = source;
    this.collection = collection;
    this.name = name;
    this.unwind = unwind;
  }

  /** The source and collection, for messages. */
  String where() {
    return "source '" + source.config().source() + "', collection '" + collection + "'"
        + unwind.map(u -> " unwound on '" + u + "' as table '" + name + "'").orElse("");
  }

  /**
   * The columns the source's contract promises for this table, else those of the first {@code sample_size}
   * documents (their rows, for an unwind table).
   */
  synchronized MongoSchema schema() {
    if (schema == null) {
      Optional<SchemaContract.Table> promised = source.config().contract().map(c -> c.tables().get(name));
      schema = promised.isPresent() ? MongoSchema.of(promised.get(), source.config().collection(name))
          : sample().schema(where(), source.config().collection(name), source::note);
    }
    return schema;
  }

  /** The columns as inferred from a fresh sample, whatever the contract says, for {@code xsql schema}. */
  SchemaContract.Table inferred() {
    MongoSchema.Sampler sample = sample();
    return sample.schema(where(), source.config().collection(name), note -> { }).contract(sample);
  }

  /**
   * Reads the first {@code sample_size} documents; for an unwind table the stage is applied here, so that the
   * sample also tells how many rows a document makes.
   */
  private synchronized MongoSchema.Sampler sample() {
    MongoSchema.Sampler sampler = new MongoSchema.Sampler(source.config().flattenDepth());
    int documents = 0;
    try {
      for (BsonDocument document : collection(BsonDocument.class).find().limit(source.config().sampleSize())) {
        documents++;
        unwind.map(u -> u.apply(document)).orElse(List.of(document)).forEach(sampler::add);
      }
    } catch (MongoException e) {
      throw MongoErrors.translate(source.config(), "sampling collection '" + collection + "'", e);
    }
    rowsPerDocument = documents == 0 ? 1 : sampler.documents() / (double) documents;
    return sampler;
  }

  <T> MongoCollection<T> collection(Class<T> documentClass) {
    return database().getCollection(collection, documentClass);
  }

  MongoDatabase database() {
    return source.database();
  }

  @Override
  public List<Column> columns() {
    return schema().columns();
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    return scan(request, new BsonDocument());
  }

  /** {@code _id} ranges of about {@code bytesPerPart} bytes of documents ({@link MongoParts}). */
  @Override
  public List<TablePart> parts(long bytesPerPart) {
    return new MongoParts(this).parts(bytesPerPart);
  }

  /** The documents of a part, by its {@code _id} range, which MongoDB decides and the cursor need not check. */
  @Override
  public RowCursor scan(ScanRequest request, TablePart part) {
    return part.equals(TablePart.WHOLE) ? scan(request) : scan(request, MongoParts.filter(part));
  }

  /**
   * A scan that also sends a filter on keys to MongoDB; unlike the request's filters, the cursor does not
   * check it again (the lookup join matches keys itself, and an IN list of thousands is slow to check).
   * The keys come after the request's filters: a server that tests the conjuncts of a document in order
   * (mongo-java-server, when no index answers the whole filter) tests the costly {@code $in} only on the
   * documents the others let through: TPC-H Q2, whose 460 part keys follow a size and a type over 200,000
   * documents, took 0.6 s instead of 2.2 s.
   */
  RowCursor scan(ScanRequest request, BsonDocument keys) {
    if (request.aggregation().isPresent()) {
      MongoGroups groups = groups(request.aggregation().get());
      return new MongoCursor(this, collection(RawBsonDocument.class), List.of(groupQuery(request, keys, groups)),
          groups, request.context());
    }
    MongoRows rows = rows(request);
    return new MongoCursor(this, collection(RawBsonDocument.class), queries(request, keys, rows), rows,
        request.context());
  }

  /** The pipeline of a GROUP BY: the filters, then the {@code $group} stage. */
  private MongoQuery groupQuery(ScanRequest request, BsonDocument keys, MongoGroups groups) {
    return new MongoQuery(unwind, MongoFilters.and(List.of(new MongoFilters(schema()).filter(request.filters()),
        keys)), new BsonDocument(), Optional.of(groups.stage()), List.of(), OptionalLong.empty());
  }

  private MongoGroups groups(Aggregation aggregation) {
    return MongoGroups.of(schema(), aggregation, where(), source.config().onError()).orElseThrow(
        () -> new IllegalArgumentException(where() + ": cannot compute " + aggregation));
  }

  @Override
  public boolean canAggregate(Aggregation aggregation) {
    return MongoGroups.of(schema(), aggregation, where(), source.config().onError()).isPresent();
  }

  /**
   * The queries of a scan: one, unless the limit keeps the first rows in an order whose nulls MongoDB puts
   * elsewhere (it sorts them lowest): then the documents with a value, sorted, and those without, in the
   * order SQL wants them.
   */
  private List<MongoQuery> queries(ScanRequest request, BsonDocument keys, MongoRows rows) {
    List<Predicate> all = request.filters();
    MongoFilters filters = new MongoFilters(schema());
    if (request.limitOrder().isEmpty()) {
      return List.of(query(filters, keys, all, new BsonDocument(), rows, request));
    }
    SortOrder order = request.limitOrder().get();
    BsonDocument sort = filters.sort(order);
    if (MongoFilters.nullsAsMongoDb(order)) {
      return List.of(query(filters, keys, all, sort, rows, request));
    }
    SortOrder.Key key = order.keys().get(0);
    MongoQuery values = query(filters, keys, with(all, new Predicate.IsNull(key.column(), true)), sort, rows,
        request);
    MongoQuery nulls = query(filters, keys, with(all, new Predicate.IsNull(key.column(), false)),
        new BsonDocument(), rows, request);
    return key.nullsFirst() ? List.of(nulls, values) : List.of(values, nulls);
  }

  private MongoQuery query(MongoFilters filters, BsonDocument keys, List<Predicate> all, BsonDocument sort,
      MongoRows rows, ScanRequest request) {
    return new MongoQuery(unwind, MongoFilters.and(List.of(filters.filter(all), keys)), sort, Optional.empty(),
        rows.fields(), request.limit());
  }

  private static List<Predicate> with(List<Predicate> all, Predicate more) {
    List<Predicate> out = new ArrayList<>(all);
    out.add(more);
    return out;
  }

  @Override
  public boolean canFilter(int column, FilterOp op) {
    return new MongoFilters(schema()).canFilter(column, op);
  }

  @Override
  public boolean canFilterAlternatives() {
    return true;
  }

  @Override
  public boolean canLimit() {
    return true;
  }

  @Override
  public boolean canSort(SortOrder order) {
    return new MongoFilters(schema()).canSort(order);
  }

  @Override
  public Optional<KeyLookup> keyLookup() {
    return Optional.of(new MongoLookup(this));
  }

  MongoConfig config() {
    return source.config();
  }

  /** The collection's indexes; none for an unwind table, whose rows are no collection's documents. */
  @Override
  public TableMetadata metadata() {
    return unwind.isPresent() ? DataTable.super.metadata() : indexes;
  }

  /** The collection read. */
  String collection() {
    return collection;
  }

  /** From how the column's values repeated in the sample, scaled to the collection's count. */
  @Override
  public OptionalLong distinctValues(int column) {
    List<Optional<ValueCounts>> values = schema().values();
    return column < 0 || column >= values.size() || values.get(column).isEmpty() ? OptionalLong.empty()
        : values.get(column).get().estimate(estimatedRowCount());
  }

  /**
   * The collection's document count from its metadata (not a count of the documents), asked once; for an
   * unwind table, times the rows per document in the sample.
   */
  @Override
  public synchronized OptionalLong estimatedRowCount() {
    if (rowCount == null) {
      try {
        long documents = collection(BsonDocument.class).estimatedDocumentCount();
        schema();
        rowCount = OptionalLong.of(Math.round(documents * rowsPerDocument));
      } catch (MongoException e) {
        // Only an estimate: the query itself reports the failure if the server is really unreachable.
        LOG.debug("{}: no document count: {}", where(), e.toString());
        return OptionalLong.empty();
      }
    }
    return rowCount;
  }

  @Override
  public String describe() {
    return "collection " + source.config().database() + "." + collection;
  }

  @Override
  public String describe(ScanRequest request) {
    return describe(request, new BsonDocument());
  }

  String describe(ScanRequest request, BsonDocument keys) {
    if (request.aggregation().isPresent()) {
      return describe() + " " + groupQuery(request, keys, groups(request.aggregation().get()));
    }
    return describe() + " " + queries(request, keys, rows(request)).stream().map(MongoQuery::toString)
        .collect(Collectors.joining(" then "));
  }

  private MongoRows rows(ScanRequest request) {
    MongoConfig config = source.config();
    return new MongoRows(where(), schema(), request.columnArray(), request.filters(), config.onError(),
        config.onDrift());
  }
}
