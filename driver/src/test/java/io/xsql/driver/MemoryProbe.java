package io.xsql.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs one query in a JVM of its own, for {@link SortedMemoryTest}: {@code MemoryProbe CATALOG SQL} reads
 * every row and prints {@code rows=N}, or prints the error's class and message and exits with 1 (an
 * {@code OutOfMemoryError} included, however deep in the causes).
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + args[0]);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(args[1])) {
      long rows = 0;
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
      System.out.println("rows=" + rows);
    } catch (Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        System.out.println("error=" + t.getClass().getName() + ": " + t.getMessage());
      }
      System.exit(1);
    }
  }
}
