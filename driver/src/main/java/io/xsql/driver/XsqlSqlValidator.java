package io.xsql.driver;

import static org.apache.calcite.util.Static.RESOURCE;

import io.xsql.spi.ErrorCode;
import io.xsql.planner.XsqlStreamTable;
import io.xsql.spi.SourceException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.schema.StreamableTable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlModality;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Util;

/**
 * Calcite's validator, with quoted identifiers matching exactly. Names resolve case-insensitively (the
 * connection is case-insensitive); afterwards every quoted name must equal, to the letter, the name it
 * resolved to, as in PostgreSQL: {@code "Title"} finds {@code Title} but not {@code title}.
 *
 * <p>A stream source's table may also be read without {@code STREAM}, as it stands now: Calcite's validator
 * refuses a {@link StreamableTable} in a plain query, this one allows it.
 */
final class XsqlSqlValidator extends CalciteSqlValidator {

  /** The columns the window table functions add. */
  private static final Set<String> WINDOW_BOUNDS = Set.of("window_start", "window_end");

  /** Told the statement's join hints, aliases replaced by table names, when it is validated. */
  private final Consumer<List<RelHint>> joinHints;

  XsqlSqlValidator(SqlOperatorTable operators, CalciteCatalogReader reader, JavaTypeFactory typeFactory,
      Config config, Consumer<List<RelHint>> joinHints) {
    super(operators, reader, typeFactory, config);
    this.joinHints = joinHints;
  }

  /** Where a name component stands in the statement. */
  private record Span(int line, int column, int endLine, int endColumn) {
    static Span of(SqlParserPos pos) {
      return new Span(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }
  }

  /**
   * Fails if a quoted component was resolved to a name spelt differently. Expansion may put components
   * before the ones the user wrote (a schema, a table alias); those carry no position of their own, so
   * only the last component and components with their own position are the user's.
   */
  private void checkQuoted(SqlIdentifier id, Map<Span, String> quoted, boolean table) {
    int last = id.names.size() - 1;
    for (int i = 0; i <= last; i++) {
      SqlParserPos pos = id.getComponentParserPosition(i);
      boolean own = i == last || pos != id.getParserPosition();
      String written = own && pos.isQuoted() ? quoted.get(Span.of(pos)) : null;
      if (written != null && !written.equals(id.names.get(i))) {
        String w = '"' + written + '"';
        String actual = '"' + id.names.get(i) + '"';
        throw newValidationError(id, table ? RESOURCE.objectNotFoundDidYouMean(w, actual)
            : RESOURCE.columnNotFoundDidYouMean(w, actual));
      }
    }
  }

  @Override
  public boolean validateModality(SqlSelect select, SqlModality modality, boolean fail) {
    SelectScope scope = getRawSelectScope(select);
    if (modality == SqlModality.RELATION && scope != null && scope.getChildren().stream()
        .allMatch(child -> child.supportsModality(modality) || isStream(child))) {
      return true;
    }
    if (modality == SqlModality.STREAM && isAggregate(select) && scope != null) {
      if ((groupsByWindow(select) || groupsByEventTime(select, scope))
          && scope.getChildren().stream().allMatch(child -> child.supportsModality(modality))) {
        // Calcite asks for a monotonic GROUP BY key; a window's groups are emitted as the watermark passes it.
        return true;
      }
      try {
        return super.validateModality(select, modality, fail);
      } catch (CalciteContextException e) {
        if (e.getCause() == null || !RESOURCE.streamMustGroupByMonotonic().str().equals(e.getCause().getMessage())) {
          throw e;
        }
        throw new SourceException(ErrorCode.UNSUPPORTED, "SELECT STREAM with GROUP BY needs a window of the stream"
            + " it reads: grouped by columns alone, a stream's groups would never be complete, so none could be"
            + " emitted, and they would fill memory. Group by window_start and window_end of TABLE(TUMBLE(TABLE t,"
            + " DESCRIPTOR(ts), INTERVAL '1' MINUTE)) (or HOP, SESSION) read alone (join a table to the grouped rows"
            + " in an outer query), or by the event time, or leave out STREAM to aggregate what the stream holds now",
            e);
      }
    }
    return super.validateModality(select, modality, fail);
  }

  /** Whether the query reads one stream and groups by its event time column, monotonic up to the watermark. */
  private static boolean groupsByEventTime(SqlSelect select, SelectScope scope) {
    if (select.getGroup() == null || scope.getChildren().size() != 1) {
      return false;
    }
    SqlValidatorTable table = scope.getChildren().get(0).getTable();
    XsqlStreamTable stream = table == null ? null : table.unwrap(XsqlStreamTable.class);
    Optional<String> eventTime = stream == null ? Optional.empty() : stream.stream().table().eventTime().column();
    return eventTime.isPresent() && select.getGroup().stream().anyMatch(key -> key instanceof SqlIdentifier id
        && Util.last(id.names).equalsIgnoreCase(eventTime.get()));
  }

  /** Whether the query reads one of the window table functions and groups by its window's bounds. */
  private static boolean groupsByWindow(SqlSelect select) {
    SqlNode from = select.getFrom();
    if (from != null && from.getKind() == SqlKind.AS) {
      from = ((SqlCall) from).operand(0);
    }
    if (from == null || from.getKind() != SqlKind.COLLECTION_TABLE
        || !(((SqlCall) from).operand(0) instanceof SqlCall function)
        || !(function.getOperator() instanceof SqlWindowTableFunction)) {
      return false;
    }
    return select.getGroup() != null && select.getGroup().stream().anyMatch(key -> key instanceof SqlIdentifier id
        && WINDOW_BOUNDS.contains(Util.last(id.names).toLowerCase(Locale.ROOT)));
  }

  private static boolean isStream(SqlValidatorNamespace namespace) {
    SqlValidatorTable table = namespace.getTable();
    return table != null && table.unwrap(StreamableTable.class) != null;
  }

  @Override
  public SqlNode validate(SqlNode topNode) {
    NestedSchemaNames.split(topNode, getCatalogReader().unwrap(CalciteCatalogReader.class).getRootSchema());
    joinHints.accept(HintAliases.resolve(topNode));
    Map<Span, String> quoted = new HashMap<>();
    topNode.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        for (int i = 0; i < id.names.size(); i++) {
          SqlParserPos pos = id.getComponentParserPosition(i);
          if (pos.isQuoted()) {
            quoted.put(Span.of(pos), id.names.get(i));
          }
        }
        return null;
      }
    });
    SqlNode validated = super.validate(topNode);
    if (!quoted.isEmpty()) {
      Set<SqlNode> tables = Collections.newSetFromMap(new IdentityHashMap<>());
      validated.accept(new SqlBasicVisitor<Void>() {
        @Override
        public Void visit(SqlCall call) {
          if (call instanceof SqlSelect select && select.getFrom() != null) {
            NestedSchemaNames.collectTables(select.getFrom(), tables);
          }
          return super.visit(call);
        }

        @Override
        public Void visit(SqlIdentifier id) {
          checkQuoted(id, quoted, tables.contains(id));
          return null;
        }
      });
    }
    return validated;
  }
}
