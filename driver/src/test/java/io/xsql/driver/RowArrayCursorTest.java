package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.util.Cursor;
import org.junit.jupiter.api.Test;

class RowArrayCursorTest {
  private static final List<ColumnMetaData> COLUMNS = List.of(
      ColumnMetaData.dummy(ColumnMetaData.scalar(Types.BIGINT, "BIGINT", ColumnMetaData.Rep.LONG), true),
      ColumnMetaData.dummy(ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING), true));

  @Test
  void readsArraysAndListsAlikeWithNulls() throws SQLException {
    Iterable<Object> rows = Arrays.asList(new Object[] {1L, "a"}, Arrays.asList(2L, null),
        new Object[] {null, "c"});
    Cursor cursor = RowArrayCursor.of(Meta.CursorFactory.ARRAY, rows);
    List<Cursor.Accessor> accessors = cursor.createAccessors(COLUMNS,
        Calendar.getInstance(TimeZone.getTimeZone("UTC")), null);

    assertThat(cursor).isInstanceOf(RowArrayCursor.class);
    assertThat(cursor.next()).isTrue();
    assertThat(accessors.get(0).getLong()).isEqualTo(1L);
    assertThat(accessors.get(1).getString()).isEqualTo("a");
    assertThat(cursor.wasNull()).isFalse();
    assertThat(cursor.next()).isTrue();
    assertThat(accessors.get(0).getObject()).isEqualTo(2L);
    assertThat(accessors.get(1).getObject()).isNull();
    assertThat(cursor.wasNull()).isTrue();
    assertThat(cursor.next()).isTrue();
    assertThat(accessors.get(0).getLong()).isZero();
    assertThat(cursor.wasNull()).isTrue();
    assertThat(accessors.get(1).getString()).isEqualTo("c");
    assertThat(cursor.next()).isFalse();
  }

  @Test
  void leavesOtherRowStylesToAvatica() {
    Cursor cursor = RowArrayCursor.of(Meta.CursorFactory.OBJECT, List.of(1L));
    assertThat(cursor).isNotInstanceOf(RowArrayCursor.class);
  }
}
