package io.xsql.driver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Lets a table name use a nested schema the way metadata names it: {@code "crm.sales".orders} (what
 * tools write from TABLE_SCHEM {@code crm.sales}, quoted for its dot) means {@code crm.sales.orders}.
 * Only table references in FROM clauses are rewritten, and only when no schema is named with the dot.
 */
final class NestedSchemaNames {
  private NestedSchemaNames() {}

  /** Splits the dotted first component of every table reference that names a nested schema. */
  static void split(SqlNode topNode, CalciteSchema root) {
    Set<SqlIdentifier> tables = Collections.newSetFromMap(new IdentityHashMap<>());
    topNode.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          collectTables(select.getFrom(), tables);
        }
        return super.visit(call);
      }
    });
    for (SqlIdentifier id : tables) {
      String first = id.names.get(0);
      if (id.names.size() < 2 || !first.contains(".") || root.getSubSchema(first, false) != null) {
        continue;
      }
      String[] parts = first.split("\\.", -1);
      if (root.getSubSchema(parts[0], false) == null) {
        continue;
      }
      List<String> names = new ArrayList<>(List.of(parts));
      SqlParserPos pos = id.getComponentParserPosition(0);
      // Unquoted positions for the parts: the quoted text was the whole dotted name, not each part.
      SqlParserPos plain = new SqlParserPos(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(),
          pos.getEndColumnNum());
      List<SqlParserPos> positions = new ArrayList<>(Collections.nCopies(parts.length, plain));
      for (int i = 1; i < id.names.size(); i++) {
        names.add(id.names.get(i));
        positions.add(id.getComponentParserPosition(i));
      }
      id.setNames(names, positions);
    }
  }

  /** Adds the table names a FROM clause references (not its subqueries, which have their own). */
  static void collectTables(SqlNode from, Set<? super SqlIdentifier> tables) {
    if (from instanceof SqlIdentifier id) {
      tables.add(id);
    } else if (from instanceof SqlJoin join) {
      collectTables(join.getLeft(), tables);
      collectTables(join.getRight(), tables);
    } else if (from.getKind() == SqlKind.AS || from.getKind() == SqlKind.TABLE_REF) {
      collectTables(((SqlCall) from).operand(0), tables);
    }
  }
}
