package io.xsql.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.RecordSample;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.TextValues;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A table's columns: sampled from records (nested objects as {@code "a.b"} columns, as for JSON files) with
 * the catalog's types winning, or only the catalog's.
 *
 * @param columns the columns, named by their dotted paths
 * @param paths each column's field names
 * @param pinned the columns whose type the catalog (or a contract) fixed
 * @param kinds for a contract's columns, the kinds of JSON values each may hold ({@link #kindName}); empty
 *     for sampled columns, whose values are not checked for drift
 */
record RestSchema(List<Column> columns, List<List<String>> paths, BitSet pinned, List<Set<String>> kinds) {
  RestSchema {
    columns = List.copyOf(columns);
    paths = List.copyOf(paths);
    pinned = (BitSet) pinned.clone();
    kinds = List.copyOf(kinds);
  }

  /** The columns a contract promises. */
  static RestSchema of(SchemaContract.Table contract) {
    List<Column> columns = new ArrayList<>();
    List<List<String>> paths = new ArrayList<>();
    List<Set<String>> kinds = new ArrayList<>();
    for (SchemaContract.ContractColumn c : contract.columns()) {
      columns.add(new Column(c.name(), c.type(), true));
      paths.add(List.of(c.name().split("\\.")));
      kinds.add(Set.copyOf(c.kinds()));
    }
    BitSet all = new BitSet();
    all.set(0, columns.size());
    return new RestSchema(columns, paths, all, kinds);
  }

  /** The name of a JSON value's kind, as a contract lists it: number, string, boolean, object, array. */
  static String kindName(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** The index of a column by name, or -1. */
  int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Walks records into a sample, down to a depth of nested objects. */
  static final class Sampler {
    private final int flattenDepth;
    private final RecordSample sample = new RecordSample();

    Sampler(int flattenDepth) {
      this.flattenDepth = flattenDepth;
    }

    void add(JsonNode record) {
      sample.record();
      add(record, new ArrayList<>(), flattenDepth);
    }

    long records() {
      return sample.records();
    }

    private void add(JsonNode object, List<String> path, int depth) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        path.add(e.getKey());
        JsonNode v = e.getValue();
        if (v.isObject() && depth > 0) {
          sample.object(path);
          add(v, path, depth - 1);
        } else {
          sample.value(path, kind(v), kindName(v));
        }
        path.remove(path.size() - 1);
      }
    }

    /** The kind a JSON value suggests, as for JSON files; null for null. */
    private static TypeKind kind(JsonNode v) {
      if (v.isNull()) {
        return null;
      }
      if (v.isBoolean()) {
        return TypeKind.BOOLEAN;
      }
      if (v.isIntegralNumber()) {
        return TextValues.integerKind(v.bigIntegerValue());
      }
      if (v.isNumber()) {
        return TypeKind.DOUBLE;
      }
      return v.isTextual() ? TextValues.kindOfString(v.textValue()) : TypeKind.VARCHAR;
    }

    /**
     * The columns: the sample's, typed by the catalog where it says so, then the catalog's columns the sample
     * never saw.
     *
     * @param notes receives a note per column typed wider than some of its values
     */
    /** The sampled columns as a contract: names, types, kinds, whether some record lacked them. */
    SchemaContract.Table contract(Map<String, ColumnType> declared) {
      List<SchemaContract.ContractColumn> out = new ArrayList<>();
      for (RecordSample.SampledField f : sample.columns()) {
        String name = String.join(".", f.path());
        out.add(new SchemaContract.ContractColumn(name, declared.getOrDefault(name, f.type()),
            f.kinds(), !f.alwaysPresent()));
      }
      return new SchemaContract.Table(sample.records(), out);
    }

    RestSchema schema(String where, Map<String, ColumnType> declared, Consumer<String> notes) {
      List<Column> columns = new ArrayList<>();
      List<List<String>> paths = new ArrayList<>();
      BitSet pinned = new BitSet();
      for (RecordSample.SampledField f : sample.columns()) {
        String name = String.join(".", f.path());
        ColumnType type = declared.get(name);
        if (type == null && f.widened()) {
          notes.accept(where + ": field '" + name + "' holds " + String.join(", ", f.kinds())
              + " values; column typed " + f.type());
        }
        if (type != null) {
          pinned.set(columns.size());
        }
        columns.add(new Column(name, type == null ? f.type() : type, true));
        paths.add(f.path());
      }
      return withDeclared(new RestSchema(columns, paths, pinned, List.of()), declared);
    }
  }

  /** The catalog's columns alone, for a table that cannot be sampled without parameter values. */
  static RestSchema declared(Map<String, ColumnType> declared) {
    return withDeclared(new RestSchema(List.of(), List.of(), new BitSet(), List.of()), declared);
  }

  private static RestSchema withDeclared(RestSchema schema, Map<String, ColumnType> declared) {
    List<Column> columns = new ArrayList<>(schema.columns());
    List<List<String>> paths = new ArrayList<>(schema.paths());
    BitSet pinned = (BitSet) schema.pinned().clone();
    declared.forEach((name, type) -> {
      if (schema.indexOf(name) < 0) {
        pinned.set(columns.size());
        columns.add(new Column(name, type, true));
        paths.add(List.of(name.split("\\.")));
      }
    });
    return new RestSchema(columns, paths, pinned, List.of());
  }
}
