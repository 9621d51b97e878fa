package io.xsql.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Files, catalogs and result rows for driver tests. */
final class Fixtures {
  private Fixtures() {}

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Users and departments as in the README: a CSV file and a JSON Lines file. */
  static Path usersAndDepartments(Path dir) {
    write(dir.resolve("data/users.csv"), """
        id,name,dept_id,salary
        1,Ann,10,5000.50
        2,Bob,20,4200
        3,Cid,,3900.25
        4,"Dee, Jr.",10,6100
        5,Eve,30,4800
        """);
    write(dir.resolve("data/departments.jsonl"), """
        {"dept_id": 10, "title": "Engineering", "floor": 3}
        {"dept_id": 20, "title": "Sales", "floor": 1}
        {"dept_id": 40, "title": "Legal", "floor": null}
        """);
    return write(dir.resolve("sources.yaml"), """
        sources:
          users:       { type: csv, path: data/users.csv }
          departments: { type: jsonl, path: data/departments.jsonl, sorted_by: [dept_id] }
        """);
  }

  static Connection connect(Path catalog) throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  /** Rows as "a|b|c" text, in result order. */
  static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      out.add(b.toString());
    }
    return out;
  }
}
