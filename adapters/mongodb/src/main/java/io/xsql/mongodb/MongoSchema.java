package io.xsql.mongodb;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.RecordSample;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.ValueCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * A collection's columns as sampled: each column's field path in the documents, in first-seen order.
 *
 * @param columns the columns, named by their dotted paths
 * @param paths each column's path of field names
 * @param sampled each column's BSON types seen in the sample (nulls aside), which decide what MongoDB can
 *     be asked to filter exactly, or the kinds a contract lists
 * @param contracted whether the columns come from a contract, so that other kinds of values are drift
 * @param values how each column's values repeated in the sample, for its distinct values; empty for a
 *     contract's or a catalog-typed column the sample never saw
 */
record MongoSchema(List<Column> columns, List<List<String>> paths, List<Set<BsonType>> sampled,
    boolean contracted, List<Optional<ValueCounts>> values) {
  MongoSchema {
    columns = List.copyOf(columns);
    paths = List.copyOf(paths);
    values = List.copyOf(values);
    // First-seen order, so that a written contract lists kinds as the data showed them.
    sampled = sampled.stream().map(k -> Collections.unmodifiableSet(new LinkedHashSet<>(k))).toList();
  }

  /** Columns with no sampled values to count (a contract's, a group's results). */
  MongoSchema(List<Column> columns, List<List<String>> paths, List<Set<BsonType>> sampled, boolean contracted) {
    this(columns, paths, sampled, contracted, columns.stream().map(c -> Optional.<ValueCounts>empty()).toList());
  }

  /** The columns a contract promises (its kinds were checked when the catalog was read). */
  static MongoSchema of(SchemaContract.Table contract, MongoCollectionConfig catalog) {
    List<Column> columns = new ArrayList<>();
    List<List<String>> paths = new ArrayList<>();
    List<Set<BsonType>> kinds = new ArrayList<>();
    for (SchemaContract.ContractColumn c : contract.columns()) {
      columns.add(new Column(c.name(), c.type(), true));
      paths.add(catalog.path(c.name()));
      kinds.add(c.kinds().stream().map(k -> MongoTypes.bsonType(k).orElseThrow())
          .collect(Collectors.toCollection(LinkedHashSet::new)));
    }
    return new MongoSchema(columns, paths, kinds, true);
  }

  /** The columns as a contract: names, types, kinds as MongoDB's {@code $type} names. */
  SchemaContract.Table contract(Sampler sample) {
    List<SchemaContract.ContractColumn> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      out.add(new SchemaContract.ContractColumn(columns.get(i).name(), columns.get(i).type(),
          sampled.get(i).stream().map(MongoTypes::name).toList(), !sample.alwaysPresent(paths.get(i))));
    }
    return new SchemaContract.Table(sample.documents(), out);
  }

  /** The dotted path of a column, as MongoDB names the field. */
  String path(int column) {
    return String.join(".", paths.get(column));
  }

  /** Collects what sampled documents hold, path by path (see {@link RecordSample}). */
  static final class Sampler {
    private final int flattenDepth;
    private final RecordSample sample = new RecordSample();

    Sampler(int flattenDepth) {
      this.flattenDepth = flattenDepth;
    }

    void add(BsonDocument document) {
      sample.record();
      add(document, List.of(), flattenDepth);
    }

    /** How many documents (rows, for an unwind table) were sampled. */
    long documents() {
      return sample.records();
    }

    /** Whether every sampled document had a value at the path. */
    boolean alwaysPresent(List<String> path) {
      return sample.columns().stream().anyMatch(f -> f.path().equals(path) && f.alwaysPresent());
    }

    private void add(BsonDocument document, List<String> prefix, int depth) {
      for (Map.Entry<String, BsonValue> e : document.entrySet()) {
        List<String> path = new ArrayList<>(prefix);
        path.add(e.getKey());
        BsonValue v = e.getValue();
        if (v.isDocument() && depth > 0) {
          sample.object(path);
          add(v.asDocument(), path, depth - 1);
        } else if (v.isArray() && v.asArray().stream().allMatch(x -> !x.isDocument() && !x.isArray())) {
          // An array of scalars is an ARRAY column; one holding documents or arrays stays JSON text.
          sample.array(path, v.asArray().stream().map(x -> MongoTypes.kind(x.getBsonType()))
              .filter(Objects::nonNull).toList(), MongoTypes.name(BsonType.ARRAY));
        } else {
          // BSON values are equal as their values are: counted for the column's distinct values.
          sample.value(path, MongoTypes.kind(v.getBsonType()), MongoTypes.name(v.getBsonType()), v);
        }
      }
    }

    /**
     * The columns of the sample ({@link RecordSample#columns}); the catalog's types win over the sampled ones,
     * its hidden fields are left out, and a typed field the sample never saw is still a column.
     *
     * @param notes receives a note per column typed wider than some of its values
     */
    MongoSchema schema(String where, MongoCollectionConfig catalog, Consumer<String> notes) {
      List<Column> columns = new ArrayList<>();
      List<List<String>> paths = new ArrayList<>();
      List<Set<BsonType>> sampled = new ArrayList<>();
      List<Optional<ValueCounts>> values = new ArrayList<>();
      for (RecordSample.SampledField f : sample.columns()) {
        if (catalog.hides(f.path())) {
          continue;
        }
        String name = catalog.name(f.path());
        ColumnType pinned = catalog.pinned(f.path()).orElse(null);
        if (pinned == null && f.widened()) {
          notes.accept(where + ": field '" + name + "' holds " + String.join(", ", f.kinds())
              + " values; column typed " + f.type());
        }
        columns.add(new Column(name, pinned == null ? f.type() : pinned, true));
        paths.add(f.path());
        sampled.add(f.kinds().stream().map(k -> MongoTypes.bsonType(k).orElseThrow())
            .collect(Collectors.toCollection(LinkedHashSet::new)));
        values.add(f.values());
      }
      catalog.columns().forEach((key, type) -> {
        List<String> path = catalog.path(key);
        String name = catalog.name(path);
        if (columns.stream().noneMatch(c -> c.name().equals(name))) {
          columns.add(new Column(name, type, true));
          paths.add(path);
          sampled.add(Set.of());
          values.add(Optional.empty());
        }
      });
      return new MongoSchema(columns, paths, sampled, false, values);
    }
  }
}
