package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a prepared statement says of its result and parameters before it runs, as BI tools ask. */
final class ResultSetMetadataTest {
  @TempDir
  Path dir;

  @Test
  void aPreparedStatementDescribesItsColumnsAndParametersBeforeItRuns() throws SQLException {
    Fixtures.write(dir.resolve("p.csv"), "id,name,price\n1,a,1.50\n");
    Path catalog = Fixtures.write(dir.resolve("c.yaml"), "sources:\n  p: { type: csv, path: p.csv,"
        + " columns: { id: INTEGER, name: \"VARCHAR(20)\", price: \"DECIMAL(10,2)\" } }\n");
    try (Connection c = Fixtures.connect(catalog);
        PreparedStatement ps = c.prepareStatement("SELECT id, name, price, price * 2 AS twice FROM p WHERE id = ?")) {
      ResultSetMetaData m = ps.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        columns.add(m.getColumnLabel(i) + " " + m.getSchemaName(i) + "." + m.getTableName(i) + " "
            + m.getColumnTypeName(i) + "(" + m.getPrecision(i) + "," + m.getScale(i) + ") " + m.getColumnType(i));
      }
      assertThat(columns).containsExactly("id main.p INTEGER(10,0) " + Types.INTEGER,
          "name main.p VARCHAR(20,0) " + Types.VARCHAR, "price main.p DECIMAL(10,2) " + Types.DECIMAL,
          // An expression has no table.
          "twice null.null DECIMAL(" + m.getPrecision(4) + ",2) " + Types.DECIMAL);
      ParameterMetaData p = ps.getParameterMetaData();
      assertThat(p.getParameterCount()).isEqualTo(1);
      assertThat(p.getParameterType(1)).isEqualTo(Types.INTEGER);
    }
  }
}
