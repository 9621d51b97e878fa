package io.xsql.driver;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.Options;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceException;
import io.xsql.spi.SourceFactory;
import io.xsql.spi.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema source for driver tests ({@code type: memory_schema}): tables named in {@code tables}, each with
 * rows {@code (1, '<table>1'), (2, '<table>2')}; {@code down: true} makes it unreachable, and {@code grow:
 * true} adds a table {@code late} once refreshed.
 */
public final class MemorySchemaFactory implements SourceFactory {
  @Override
  public Set<String> types() {
    return Set.of("memory_schema");
  }

  @Override
  public Source open(SourceConfig config) {
    Options o = config.options();
    o.allowOnly(Set.of("type", "tables", "down", "grow"));
    return new MemorySchema(config.name(), o.strings("tables"), o.bool("down", false), o.bool("grow", false));
  }

  private static final class MemorySchema implements SchemaSource {
    private final String name;
    private final List<String> names;
    private final boolean down;
    private final boolean grow;
    private boolean refreshed;

    MemorySchema(String name, List<String> names, boolean down, boolean grow) {
      this.name = name;
      this.names = names;
      this.down = down;
      this.grow = grow;
    }

    @Override
    public Map<String, DataTable> tables() {
      if (down) {
        throw new SourceException(ErrorCode.CONNECT, "source '" + name + "' cannot be reached at memory://" + name);
      }
      Map<String, DataTable> out = new LinkedHashMap<>();
      names.forEach(n -> out.put(n, table(n)));
      if (grow && refreshed) {
        out.put("late", table("late"));
      }
      return out;
    }

    @Override
    public void refresh() {
      refreshed = true;
    }
  }

  private static DataTable table(String name) {
    List<Object[]> rows = List.of(new Object[] {1, name + "1"}, new Object[] {2, name + "2"});
    return new DataTable() {
      @Override
      public List<Column> columns() {
        return List.of(Column.of("id", TypeKind.INTEGER), Column.of("name", TypeKind.VARCHAR));
      }

      @Override
      public RowCursor scan(ScanRequest request) {
        int[] columns = request.columnArray();
        return RowCursor.of(rows.stream().map(r -> {
          Object[] out = new Object[columns.length];
          for (int i = 0; i < columns.length; i++) {
            out[i] = r[columns[i]];
          }
          return out;
        }).iterator());
      }
    };
  }
}
