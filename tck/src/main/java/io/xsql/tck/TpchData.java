package io.xsql.tck;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of the TPC-H tables at one scale factor, from the reference generators ({@code io.trino.tpch},
 * a port of dbgen): the same rows on every run and machine.
 *
 * <p>Values are {@code Integer}, {@code BigDecimal} (scale 2), {@code String} and {@code LocalDate}, in the
 * order of {@link TpchTableDef#columns()}.
 *
 * @param scaleFactor the scale factor (1 is about 1 GB of text; 0.01 has 60,175 line items)
 */
public record TpchData(double scaleFactor) {
  /** Checks the scale factor. */
  public TpchData {
    if (!(scaleFactor > 0)) {
      throw new IllegalArgumentException("scale factor must be positive: " + scaleFactor);
    }
  }

  /** The rows of a table, generated as they are read. */
  public Iterable<Object[]> rows(TpchTableDef table) {
    return rows(table.generator());
  }

  private <E extends TpchEntity> Iterable<Object[]> rows(TpchTable<E> table) {
    List<TpchColumn<E>> columns = table.getColumns();
    return () -> {
      Iterator<E> entities = table.createGenerator(scaleFactor, 1, 1).iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return entities.hasNext();
        }

        @Override
        public Object[] next() {
          E e = entities.next();
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = value(columns.get(i), e);
          }
          return row;
        }
      };
    };
  }

  private static <E extends TpchEntity> Object value(TpchColumn<E> column, E e) {
    return switch (column.getType().getBase()) {
      case IDENTIFIER -> Math.toIntExact(column.getIdentifier(e));
      case INTEGER -> column.getInteger(e);
      // The generator's doubles are whole cents; valueOf gives their shortest decimal form.
      case DOUBLE -> BigDecimal.valueOf(column.getDouble(e)).setScale(2, RoundingMode.HALF_UP);
      case VARCHAR -> column.getString(e);
      case DATE -> LocalDate.ofEpochDay(column.getDate(e));
    };
  }
}
