package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns a schemaless source (MongoDB, an API, JSON files) promises, table by table: what {@code xsql
 * schema} writes from a sample, and what a source's {@code schema:} file gives back so that it need not
 * sample. Data that departs from it (a value of a kind not listed) is drift, which the source reports.
 *
 * @param tables the tables by name, in order
 */
public record SchemaContract(Map<String, Table> tables) {
  private static final Set<String> TABLE_KEYS = Set.of("sampled", "columns");
  private static final Set<String> COLUMN_KEYS = Set.of("type", "kinds", "nullable");

  public SchemaContract {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /**
   * One table's columns.
   *
   * @param sampled how many records the columns were inferred from
   * @param columns the columns, in order
   */
  public record Table(long sampled, List<ContractColumn> columns) {
    public Table {
      columns = List.copyOf(columns);
    }

    /** A column by name. */
    public Optional<ContractColumn> column(String name) {
      return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
  }

  /**
   * One column.
   *
   * @param name the column's name (a dotted path for nested fields)
   * @param type its SQL type
   * @param kinds the source's names of the kinds of values it holds (MongoDB's {@code $type} names)
   * @param nullable whether some record lacked a value
   */
  public record ContractColumn(String name, ColumnType type, List<String> kinds, boolean nullable) {
    public ContractColumn {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
      kinds = List.copyOf(kinds);
    }
  }

  /** Reads a contract file's mapping ({@code tables:}), failing with the line of anything malformed. */
  public static SchemaContract read(Options file) {
    file.allowOnly(Set.of("tables"));
    Map<String, Table> tables = new LinkedHashMap<>();
    Options all = file.child("tables").orElseThrow(() -> file.error("tables", "is required"));
    for (String name : all.keys()) {
      Options t = all.child(name).orElseThrow(() -> all.error(name, "expected a mapping"));
      t.allowOnly(TABLE_KEYS);
      Options cs = t.child("columns").orElseThrow(() -> t.error("columns", "is required"));
      List<ContractColumn> columns = new ArrayList<>();
      for (String column : cs.keys()) {
        Options c = cs.child(column).orElseThrow(() -> cs.error(column, "expected a mapping"));
        c.allowOnly(COLUMN_KEYS);
        String type = c.requireString("type");
        columns.add(new ContractColumn(column, ColumnType.parse(type).orElseThrow(() -> c.error("type",
            "unknown type '" + type + "'; expected one of " + ColumnType.knownNames())), c.strings("kinds"),
            c.bool("nullable", true)));
      }
      tables.put(name, new Table(t.integer("sampled", 0, 0), columns));
    }
    return new SchemaContract(tables);
  }

  /** The contract as YAML that {@link #read} reads back, headed by a comment naming the source. */
  public String toYaml(String source) {
    StringBuilder out = new StringBuilder("# Columns of source '").append(source)
        .append("' as inferred from samples. Edit types as needed, then set the source's 'schema:' to this\n")
        .append("# file: it is then not sampled, and values of kinds not listed are reported as drift.\n")
        .append("tables:\n");
    tables.forEach((name, table) -> {
      out.append("  ").append(quote(name)).append(":\n    sampled: ").append(table.sampled())
          .append("\n    columns:\n");
      for (ContractColumn c : table.columns()) {
        out.append("      ").append(quote(c.name())).append(": { type: ").append(quote(c.type().toString()))
            .append(", kinds: ").append(c.kinds().stream().map(SchemaContract::quote)
                .collect(Collectors.joining(", ", "[", "]")))
            .append(", nullable: ").append(c.nullable()).append(" }\n");
      }
    });
    return out.toString();
  }

  /**
   * How {@code actual} (inferred now) departs from this contract: tables and columns it lacks, columns no
   * longer seen, other types, kinds not listed, values missing where the contract saw none missing.
   */
  public List<String> differences(SchemaContract actual) {
    List<String> out = new ArrayList<>();
    actual.tables.forEach((name, table) -> {
      Table promised = tables.get(name);
      if (promised == null) {
        out.add("table '" + name + "' is not in the contract");
        return;
      }
      for (ContractColumn c : table.columns()) {
        Optional<ContractColumn> p = promised.column(c.name());
        if (p.isEmpty()) {
          out.add("table '" + name + "': field '" + c.name() + "' (" + c.type() + ") is not in the contract");
          continue;
        }
        if (!p.get().type().equals(c.type())) {
          out.add("table '" + name + "': field '" + c.name() + "' is inferred as " + c.type() + ", the contract says "
              + p.get().type());
        }
        List<String> extra = c.kinds().stream().filter(k -> !p.get().kinds().contains(k)).toList();
        if (!extra.isEmpty()) {
          out.add("table '" + name + "': field '" + c.name() + "' holds " + String.join(", ", extra)
              + " values, not listed in the contract");
        }
        if (c.nullable() && !p.get().nullable()) {
          out.add("table '" + name + "': field '" + c.name() + "' is missing or null in some records");
        }
      }
      for (ContractColumn p : promised.columns()) {
        if (table.column(p.name()).isEmpty()) {
          out.add("table '" + name + "': field '" + p.name() + "' of the contract is in no sampled record");
        }
      }
    });
    tables.keySet().stream().filter(name -> !actual.tables.containsKey(name))
        .forEach(name -> out.add("table '" + name + "' of the contract no longer exists"));
    return out;
  }

  /** A YAML double-quoted scalar (JSON escapes are valid in it). */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
