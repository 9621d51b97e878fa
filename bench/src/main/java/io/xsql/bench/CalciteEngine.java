package io.xsql.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Plain Apache Calcite as a Java user sets it up today: a scannable table per file and the default
 * planner, no statistics and no declared order.
 */
final class CalciteEngine implements BenchEngine {

  @Override
  public String name() {
    return "calcite";
  }

  @Override
  public Connection open(Path data) throws SQLException {
    // Calcite's driver registers itself when loaded; xsql's jar announces only its own driver.
    try {
      Class.forName("org.apache.calcite.jdbc.Driver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("Calcite is not on the class path", e);
    }
    Connection c = DriverManager.getConnection("jdbc:calcite:lex=JAVA");
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    for (String table : new String[] {"products", "images"}) {
      root.add(table, new JsonlTable(data.resolve(table + ".jsonl"), JsonlRows.fields(table)));
    }
    return c;
  }

  /** A JSON Lines file scanned in full on each query. */
  private static final class JsonlTable extends AbstractTable implements ScannableTable {
    private final Path file;
    private final List<JsonlRows.Field> fields;

    JsonlTable(Path file, List<JsonlRows.Field> fields) {
      this.file = file;
      this.fields = fields;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
      RelDataTypeFactory.Builder b = factory.builder();
      for (JsonlRows.Field f : fields) {
        SqlTypeName type = f.type() == Integer.class ? SqlTypeName.INTEGER
            : f.type() == Double.class ? SqlTypeName.DOUBLE : SqlTypeName.VARCHAR;
        b.add(f.name(), factory.createTypeWithNullability(factory.createSqlType(type), true));
      }
      return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return new AbstractEnumerable<>() {
        @Override
        public Enumerator<Object[]> enumerator() {
          return Linq4j.iterableEnumerator(() -> JsonlRows.read(file, fields));
        }
      };
    }
  }
}
