package io.xsql.mongodb;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 */
record MongoSchema(List<Column> columns, List<List<String>> paths, List<Set<BsonType>> sampled,
    boolean contracted) {
  MongoSchema {
    columns = List.copyOf(columns);
    paths = List.copyOf(paths);
    // First-seen order, so that a written contract lists kinds as the data showed them.
    sampled = sampled.stream().map(k -> Collections.unmodifiableSet(new LinkedHashSet<>(k))).toList();
  }

  /** The columns a contract promises (its kinds were checked when the catalog was read). */
  static MongoSchema of(SchemaContract.Table contract) {
    List<Column> columns = new ArrayList<>();
    List<List<String>> paths = new ArrayList<>();
    List<Set<BsonType>> kinds = new ArrayList<>();
    for (SchemaContract.ContractColumn c : contract.columns()) {
      columns.add(new Column(c.name(), c.type(), true));
      paths.add(List.of(c.name().split("\\.")));
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

  /** Collects what sampled documents hold, path by path. */
  static final class Sampler {
    /** What was seen at one path. */
    private static final class Field {
      final Set<TypeKind> kinds = new LinkedHashSet<>();
      final Set<BsonType> bson = new LinkedHashSet<>();
      boolean documents;
      boolean values;
      /** Sampled documents with a value or a document here. */
      long present;
    }

    private final int flattenDepth;
    private final Map<List<String>, Field> fields = new LinkedHashMap<>();
    private long documents;

    Sampler(int flattenDepth) {
      this.flattenDepth = flattenDepth;
    }

    void add(BsonDocument document) {
      documents++;
      add(document, List.of(), flattenDepth);
    }

    /** How many documents (rows, for an unwind table) were sampled. */
    long documents() {
      return documents;
    }

    /** Whether every sampled document had a value at the path. */
    boolean alwaysPresent(List<String> path) {
      Field f = fields.get(path);
      return f != null && f.present == documents;
    }

    private void add(BsonDocument document, List<String> prefix, int depth) {
      for (Map.Entry<String, BsonValue> e : document.entrySet()) {
        List<String> path = new ArrayList<>(prefix);
        path.add(e.getKey());
        path = List.copyOf(path);
        Field f = fields.computeIfAbsent(path, p -> new Field());
        BsonValue v = e.getValue();
        if (v.isDocument() && depth > 0) {
          f.documents = true;
          f.present++;
          add(v.asDocument(), path, depth - 1);
        } else {
          TypeKind kind = MongoTypes.kind(v.getBsonType());
          if (kind != null) {
            f.present++;
            f.values = true;
            f.kinds.add(kind);
            f.bson.add(v.getBsonType());
          }
        }
      }
    }

    /**
     * The columns: every path holding values; a path holding documents in some documents and values in
     * others is one VARCHAR column (the documents as JSON text) and has no columns below it. The catalog's
     * types win over the sampled ones, its hidden fields are left out, and a typed field the sample never
     * saw is still a column.
     *
     * @param notes receives a note per column typed wider than some of its values
     */
    MongoSchema schema(String where, MongoCollectionConfig catalog, Consumer<String> notes) {
      Set<List<String>> whole = new HashSet<>();
      Set<List<String>> parents = new HashSet<>();
      fields.forEach((path, f) -> {
        if (f.documents && f.values) {
          whole.add(path);
        }
        if (path.size() > 1) {
          parents.add(path.subList(0, path.size() - 1));
        }
      });
      List<Column> columns = new ArrayList<>();
      List<List<String>> paths = new ArrayList<>();
      List<Set<BsonType>> sampled = new ArrayList<>();
      fields.forEach((path, f) -> {
        if (below(path, whole) || (f.documents && !f.values && parents.contains(path)) || catalog.hides(path)) {
          return;
        }
        TypeKind kind = f.documents ? TypeKind.VARCHAR
            : f.kinds.stream().reduce(TypeKind::widen).orElse(TypeKind.VARCHAR);
        String name = String.join(".", path);
        ColumnType pinned = catalog.columns().get(name);
        if (pinned == null && (f.kinds.size() > 1 || (f.documents && f.values))) {
          String seen = f.bson.stream().map(MongoTypes::name).collect(Collectors.joining(", "));
          notes.accept(where + ": field '" + name + "' holds " + seen + (f.documents ? ", object" : "")
              + " values; column typed " + kind);
        }
        columns.add(new Column(name, pinned == null ? ColumnType.of(kind) : pinned, true));
        paths.add(path);
        Set<BsonType> seen = new LinkedHashSet<>(f.bson);
        if (f.documents) {
          seen.add(BsonType.DOCUMENT);
        }
        sampled.add(seen);
      });
      catalog.columns().forEach((name, type) -> {
        if (columns.stream().noneMatch(c -> c.name().equals(name))) {
          columns.add(new Column(name, type, true));
          paths.add(List.of(name.split("\\.")));
          sampled.add(Set.of());
        }
      });
      return new MongoSchema(columns, paths, sampled, false);
    }

    private static boolean below(List<String> path, Set<List<String>> whole) {
      for (int n = 1; n < path.size(); n++) {
        if (whole.contains(path.subList(0, n))) {
          return true;
        }
      }
      return false;
    }
  }
}
