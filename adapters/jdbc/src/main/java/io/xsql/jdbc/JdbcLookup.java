package io.xsql.jdbc;

import io.xsql.spi.KeyLookup;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.TableIndex;
import io.xsql.spi.TableMetadata;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.XsqlJdbcTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlString;

/**
 * Fetches the rows of a subtree pushed down into a database by key: the subtree's SQL, generated once at
 * plan time, wrapped as {@code SELECT * FROM (<subtree>) AS "t" WHERE <keys> IN (...)}, key values bound
 * (or, for a COPY, written in as escaped literals), never pasted, rows read as Calcite's generated code reads them ({@link JdbcRowReader}). Statements run on the
 * query's guarded connection, so that canceling the query cancels them. A subtree whose whole result is
 * read at once (see {@link JdbcToXsqlConverter}) is read at once by its lookups too, which PostgreSQL then
 * runs with parallel workers (TPC-H Q21's late deliveries of 411 suppliers: 0.9 s instead of 1.9 s). Other
 * results of PostgreSQL stream through COPY ({@link JdbcCopy}), which gets parallel workers too.
 */
final class JdbcLookup implements KeyLookup {
  private final JdbcSource source;
  private final String name;
  private final List<Integer> keyFields;
  private final List<JdbcKeyType> keyTypes;
  private final JdbcLookupSql sql;
  private final JdbcRowReader reader;
  private final boolean indexed;
  /** Whether each statement's result is read at once rather than in parts of the source's fetch size. */
  private final boolean whole;
  /** How PostgreSQL's results read in parts are read, with parallel workers. */
  private final Optional<JdbcCopy> copy;

  private JdbcLookup(JdbcSource source, String name, List<Integer> keyFields, List<JdbcKeyType> keyTypes,
      JdbcLookupSql sql, JdbcRowReader reader, boolean indexed, boolean whole) {
    this.source = source;
    this.name = name;
    this.keyFields = List.copyOf(keyFields);
    this.keyTypes = List.copyOf(keyTypes);
    this.sql = sql;
    this.reader = reader;
    this.indexed = indexed;
    this.whole = whole;
    this.copy = sql.isArray() && !whole ? Optional.of(new JdbcCopy(source.config())) : Optional.empty();
  }

  /**
   * The lookup of a subtree's rows by some of its output fields, or empty when the subtree has parameters
   * or correlation variables, or a key's type or origin is not one the database compares at least as
   * loosely as xsql ({@link JdbcKeyType}).
   *
   * @param whole whether the subtree's whole result is small enough to read at once, and so each lookup's
   */
  static Optional<JdbcLookup> plan(JdbcPushdownConvention convention, RelNode subtree, List<Integer> keyFields,
      boolean whole) {
    Optional<RelNode> found = materialized(subtree);
    if (found.isEmpty() || !RelOptUtil.getVariablesUsed(found.get()).isEmpty()) {
      return Optional.empty();
    }
    RelNode input = found.get();
    List<JdbcKeyType> types = new ArrayList<>();
    for (int field : keyFields) {
      Optional<JdbcKeyType> type = JdbcKeyType.of(input.getRowType().getFieldList().get(field).getType()
          .getSqlTypeName());
      if (type.isEmpty() || type.get().needsPlainColumn() && !isPlainColumn(input, field)) {
        return Optional.empty();
      }
      types.add(type.get());
    }
    SqlDialect dialect = convention.dialect;
    JavaTypeFactory typeFactory = (JavaTypeFactory) input.getCluster().getTypeFactory();
    Optional<JdbcRowReader> reader = JdbcRowReader.of(input.getRowType(), typeFactory, dialect);
    Named named = Named.of(input, keyFields);
    SqlString subtreeSql = new JdbcImplementor(dialect, typeFactory).visitRoot(JdbcSqlForm.rewrite(named.rel()))
        .asStatement()
        .toSqlString(dialect);
    if (reader.isEmpty() || subtreeSql.getDynamicParameters() != null
        && !subtreeSql.getDynamicParameters().isEmpty()) {
      return Optional.empty();
    }
    String columns = !named.widens() ? "*" : String.join(", ", IntStream.range(0, input.getRowType().getFieldCount())
            .mapToObj(i -> dialect.quoteIdentifier(column(i))).toList());
    String select = "SELECT " + columns + " FROM (" + subtreeSql.getSql() + ") AS " + dialect.quoteIdentifier("t")
        + " WHERE ";
    List<String> keys = IntStream.range(0, keyFields.size())
        .mapToObj(i -> keyExpression(convention.kind(), dialect, named.keyColumns().get(i), types.get(i)))
        .toList();
    return Optional.of(new JdbcLookup(convention.source(), name(convention, input), keyFields, types,
        new JdbcLookupSql(select, keys, convention.kind()), reader.get(), indexed(input, keyFields), whole));
  }

  /**
   * Whether the subtree reads one table through projections and filters (pre-filters too) only, and the
   * keys are its columns that lead one of its indexes (not a partial one): the database then finds each
   * key's rows through the index. TPC-H's lineitem, keyed by order and line number, answers order keys so.
   */
  private static boolean indexed(RelNode input, List<Integer> keyFields) {
    RelNode r = input;
    while (r instanceof Project || r instanceof Filter || r instanceof JdbcPreFilter) {
      r = r.getInput(0);
    }
    if (!(r instanceof TableScan scan) || scan.getTable().unwrap(TableMetadata.class) == null) {
      return false;
    }
    RelMetadataQuery mq = input.getCluster().getMetadataQuery();
    Set<String> columns = new HashSet<>();
    for (int field : keyFields) {
      RelColumnOrigin origin = mq.getColumnOrigin(input, field);
      if (origin == null || origin.isDerived() || !origin.getOriginTable().equals(scan.getTable())) {
        return false;
      }
      columns.add(scan.getTable().getRowType().getFieldList().get(origin.getOriginColumnOrdinal()).getName());
    }
    return scan.getTable().unwrap(TableMetadata.class).indexes().stream()
        .anyMatch(index -> index.filter().isEmpty() && index.columns().size() >= columns.size()
            && index.columns().subList(0, columns.size()).stream().map(TableIndex.Column::name)
                .collect(Collectors.toSet()).equals(columns));
  }

  /** The table, or the source when the subtree reads several, for EXPLAIN and errors. */
  String name() {
    return name;
  }

  @Override
  public boolean supports(List<Integer> keyColumns) {
    return keyColumns.equals(keyFields);
  }

  @Override
  public int maxBatchSize() {
    return sql.maxBatchSize();
  }

  @Override
  public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    if (!supports(keyColumns) || !request.filters().isEmpty() || keys.size() > maxBatchSize()) {
      throw new IllegalArgumentException("the lookup of " + name + " takes keys " + keyFields + ", no filters "
          + "and at most " + maxBatchSize() + " key tuples, not keys " + keyColumns + ", "
          + request.filters().size() + " filters and " + keys.size() + " tuples");
    }
    if (keys.isEmpty()) {
      return RowCursor.of(Collections.emptyIterator());
    }
    return execute(sql.sql(keys.size()), keys, request);
  }

  /** Runs a statement with the keys bound (none for a scan) on the query's connection, streaming its rows. */
  private RowCursor execute(String statementSql, List<List<Object>> keys, ScanRequest request) {
    Connection connection = null;
    PreparedStatement statement = null;
    try {
      connection = whole ? source.connection(request.context(), 0) : source.connection(request.context());
      if (copy.isPresent() && copy.get().reads(connection, sql.scan())) {
        return new JdbcLookupCursor(connection, null, copy.get().open(connection, written(keys),
            statementSql, Optional.empty(), request.context()), reader, request.columnArray(), source.config());
      }
      statement = connection.prepareStatement(statementSql);
      if (!keys.isEmpty()) {
        bind(connection, statement, keys);
      }
      return new JdbcLookupCursor(connection, statement, statement.executeQuery(), reader,
          request.columnArray(), source.config());
    } catch (SQLException e) {
      JdbcLookupCursor.closeQuietly(statement, connection);
      throw JdbcErrors.source(source.config(), e);
    }
  }

  /** Every key's rows: the subtree's statement alone, read in parts of the source's fetch size. */
  @Override
  public boolean scans(List<Integer> keyColumns) {
    return supports(keyColumns);
  }

  @Override
  public RowCursor scan(List<Integer> keyColumns, ScanRequest request) {
    if (!supports(keyColumns) || !request.filters().isEmpty()) {
      throw new IllegalArgumentException("the lookup of " + name + " reads all rows of keys " + keyFields
          + " and no filters, not keys " + keyColumns + " and " + request.filters().size() + " filters");
    }
    return execute(sql.scan(), List.of(), request);
  }

  @Override
  public boolean indexed(List<Integer> keyColumns) {
    return indexed && supports(keyColumns);
  }

  @Override
  public String describe(List<Integer> keyColumns) {
    return sql.describe();
  }

  /** The statement with its keys written in as arrays (the scan's for no keys), for COPY. */
  private String written(List<List<Object>> keys) {
    if (keys.isEmpty()) {
      return sql.scan();
    }
    List<String> arrays = new ArrayList<>();
    for (int k = 0; k < keyTypes.size(); k++) {
      int column = k;
      arrays.add(keyTypes.get(k).postgresArray(keys.stream().map(tuple -> tuple.get(column)).toList()));
    }
    return sql.sql(arrays);
  }

  private void bind(Connection connection, PreparedStatement statement, List<List<Object>> keys)
      throws SQLException {
    if (sql.isArray()) {
      for (int k = 0; k < keyTypes.size(); k++) {
        JdbcKeyType type = keyTypes.get(k);
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = type.arrayElement(keys.get(i).get(k));
        }
        statement.setArray(k + 1, connection.createArrayOf(type.postgresName(), values));
      }
      return;
    }
    int parameter = 1;
    for (List<Object> tuple : keys) {
      for (int k = 0; k < keyTypes.size(); k++) {
        statement.setObject(parameter++, keyTypes.get(k).bind(tuple.get(k)));
      }
    }
  }

  /**
   * The key column as the condition compares it. PostgreSQL compares text as text (an enum column has no
   * equality with text); MySQL's booleans are TINYINT(1), which may hold any number that xsql reads as true.
   */
  private static String keyExpression(JdbcKind kind, SqlDialect dialect, String column, JdbcKeyType type) {
    String quoted = dialect.quoteIdentifier(column);
    if (kind == JdbcKind.POSTGRES && type == JdbcKeyType.VARCHAR) {
      return "CAST(" + quoted + " AS text)";
    }
    if (kind == JdbcKind.MYSQL && type == JdbcKeyType.BOOLEAN) {
      return "(" + quoted + " <> 0)";
    }
    return quoted;
  }

  /** The name the subtree's field has in the lookup's SQL. */
  private static String column(int field) {
    return "c" + field;
  }

  /**
   * The subtree under a projection naming its fields {@code c0, c1...} (its SQL's own column names may
   * repeat, a join's {@code SELECT *}, or differ only in case, and the lookup's condition names them), and
   * the column each key is compared in. A key that widens an integer column by a cast ({@code CAST(id AS
   * BIGINT)}, where the other side of the join is BIGINT) is compared in the column itself, projected once
   * more as {@code k0, k1...}: the same rows match, and the database finds them through the column's index
   * rather than computing the cast for every row.
   *
   * @param rel the projection whose SQL the lookup wraps
   * @param keyColumns the name of the column each key is compared in
   * @param widens whether the projection has key columns beyond the subtree's fields, which rows leave out
   */
  private record Named(RelNode rel, List<String> keyColumns, boolean widens) {
    static Named of(RelNode input, List<Integer> keyFields) {
      List<String> keyColumns = new ArrayList<>(keyFields.stream().map(JdbcLookup::column).toList());
      if (input instanceof Project p) {
        List<RexNode> fields = new ArrayList<>(p.getProjects());
        List<String> names = new ArrayList<>(IntStream.range(0, fields.size()).mapToObj(JdbcLookup::column).toList());
        for (int i = 0; i < keyFields.size(); i++) {
          Optional<RexNode> column = widenedColumn(p.getProjects().get(keyFields.get(i)));
          if (column.isPresent()) {
            fields.add(column.get());
            names.add("k" + i);
            keyColumns.set(i, "k" + i);
          }
        }
        if (fields.size() > p.getProjects().size()) {
          return new Named(project(p.getInput(), fields, names), keyColumns, true);
        }
      }
      RexBuilder rex = input.getCluster().getRexBuilder();
      List<RexNode> refs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < input.getRowType().getFieldCount(); i++) {
        refs.add(rex.makeInputRef(input, i));
        names.add(column(i));
      }
      return new Named(project(input, refs, names), keyColumns, false);
    }

    private static RelNode project(RelNode base, List<RexNode> fields, List<String> names) {
      RelDataType rowType = base.getCluster().getTypeFactory().createStructType(
          fields.stream().map(RexNode::getType).toList(), names);
      return new JdbcRules.JdbcProject(base.getCluster(), base.getTraitSet(), base, fields, rowType);
    }

    /** The integer column a cast to a wider integer type reads, if the expression is one. */
    private static Optional<RexNode> widenedColumn(RexNode e) {
      if (e.getKind() != SqlKind.CAST || !(((RexCall) e).getOperands().get(0) instanceof RexInputRef column)) {
        return Optional.empty();
      }
      List<SqlTypeName> widths = List.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER,
          SqlTypeName.BIGINT);
      int from = widths.indexOf(column.getType().getSqlTypeName());
      int to = widths.indexOf(e.getType().getSqlTypeName());
      return from >= 0 && to > from ? Optional.of(column) : Optional.empty();
    }
  }

  /**
   * The subtree with each of the planner's sets of equivalent nodes replaced by one of its nodes, for SQL
   * generation; empty while a set has none yet.
   */
  private static Optional<RelNode> materialized(RelNode rel) {
    RelNode node = rel;
    if (rel instanceof RelSubset subset) {
      node = subset.getBest() != null ? subset.getBest()
          : subset.getRelList().isEmpty() ? null : subset.getRelList().get(0);
      if (node == null) {
        return Optional.empty();
      }
    }
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode input : node.getInputs()) {
      Optional<RelNode> m = materialized(input);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      inputs.add(m.get());
    }
    return Optional.of(inputs.equals(node.getInputs()) ? node : node.copy(node.getTraitSet(), inputs));
  }

  /** Whether a field is a table column that {@link JdbcKeyType#isPlain} admits, passed on unchanged. */
  private static boolean isPlainColumn(RelNode input, int field) {
    RelColumnOrigin origin = input.getCluster().getMetadataQuery().getColumnOrigin(input, field);
    if (origin == null || origin.isDerived()) {
      return false;
    }
    XsqlJdbcTable table = origin.getOriginTable().unwrap(XsqlJdbcTable.class);
    return table != null && table.isPlain(origin.getOriginColumnOrdinal());
  }

  private static String name(JdbcPushdownConvention convention, RelNode input) {
    List<RelOptTable> tables = RelOptUtil.findAllTables(input);
    return tables.size() == 1 ? String.join(".", tables.get(0).getQualifiedName())
        : convention.source().config().source();
  }
}
