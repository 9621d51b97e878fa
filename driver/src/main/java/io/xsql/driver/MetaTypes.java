package io.xsql.driver;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL types a column of xsql can have, as {@code DatabaseMetaData} describes them: the plain name,
 * the {@link Types} code, the column size and decimal digits. Sizes of fixed types are those pgjdbc
 * reports for the same PostgreSQL types (INTEGER 10, BIGINT 19, TIMESTAMP 29...), so that a tool shows a
 * database column the same through xsql as directly. Calcite's internal types (UTINYINT, CURSOR,
 * COLUMN_LIST...) are no column's type and are not listed.
 */
public enum MetaTypes {
  BOOLEAN(SqlTypeName.BOOLEAN, 1, null, null),
  TINYINT(SqlTypeName.TINYINT, 3, null, null),
  SMALLINT(SqlTypeName.SMALLINT, 5, null, null),
  INTEGER(SqlTypeName.INTEGER, 10, null, null),
  BIGINT(SqlTypeName.BIGINT, 19, null, null),
  REAL(SqlTypeName.REAL, 8, null, null),
  DOUBLE(SqlTypeName.DOUBLE, 17, null, null),
  DECIMAL(SqlTypeName.DECIMAL, 38, null, "precision,scale"),
  CHAR(SqlTypeName.CHAR, Integer.MAX_VALUE, "'", "length"),
  VARCHAR(SqlTypeName.VARCHAR, Integer.MAX_VALUE, "'", "length"),
  DATE(SqlTypeName.DATE, 13, "DATE '", null),
  TIME(SqlTypeName.TIME, 15, "TIME '", null),
  TIMESTAMP(SqlTypeName.TIMESTAMP, 29, "TIMESTAMP '", null),
  VARBINARY(SqlTypeName.VARBINARY, Integer.MAX_VALUE, "X'", "length"),
  ARRAY(SqlTypeName.ARRAY, 0, null, null);

  /** The columns of {@code getTypeInfo}, in JDBC's order. */
  public static final MetaLayout TYPE_INFO = MetaLayout.of("TYPE_NAME", String.class, "DATA_TYPE", int.class,
      "PRECISION", Integer.class, "LITERAL_PREFIX", String.class, "LITERAL_SUFFIX", String.class,
      "CREATE_PARAMS", String.class, "NULLABLE", short.class, "CASE_SENSITIVE", boolean.class,
      "SEARCHABLE", short.class, "UNSIGNED_ATTRIBUTE", boolean.class, "FIXED_PREC_SCALE", boolean.class,
      "AUTO_INCREMENT", boolean.class, "LOCAL_TYPE_NAME", String.class, "MINIMUM_SCALE", Short.class,
      "MAXIMUM_SCALE", Short.class, "SQL_DATA_TYPE", Integer.class, "SQL_DATETIME_SUB", Integer.class,
      "NUM_PREC_RADIX", Integer.class);

  private final SqlTypeName sqlType;
  /** The largest column size, and the size of every column of a type without length or precision. */
  private final int maxSize;
  private final Optional<String> literalPrefix;
  private final Optional<String> createParams;

  MetaTypes(SqlTypeName sqlType, int maxSize, String literalPrefix, String createParams) {
    this.sqlType = sqlType;
    this.maxSize = maxSize;
    this.literalPrefix = Optional.ofNullable(literalPrefix);
    this.createParams = Optional.ofNullable(createParams);
  }

  /** The type of a column, if it is one xsql's columns have. */
  public static Optional<MetaTypes> of(RelDataType type) {
    return Arrays.stream(values()).filter(t -> t.sqlType == type.getSqlTypeName()).findFirst();
  }

  /**
   * The plain name of a column's type: {@code INTEGER}, {@code DECIMAL}, {@code VARCHAR} (not Calcite's
   * {@code BIGINT NOT NULL} or {@code DECIMAL(10, 2)}); an array is named after its elements,
   * {@code VARCHAR ARRAY}, as result sets name it.
   */
  public static String name(RelDataType type) {
    if (type.getSqlTypeName() == SqlTypeName.ARRAY && type.getComponentType() != null) {
      return name(type.getComponentType()) + " ARRAY";
    }
    return type.getSqlTypeName().getName();
  }

  /** The {@link Types} code of a column's type. */
  public static int jdbcType(RelDataType type) {
    return type.getSqlTypeName().getJdbcOrdinal();
  }

  /**
   * COLUMN_SIZE: the length of text and binary columns (the largest, unbounded ones), the precision of
   * DECIMAL, pgjdbc's sizes for the others; empty for arrays.
   */
  public static Optional<Integer> size(RelDataType type) {
    Optional<MetaTypes> t = of(type);
    if (t.isEmpty() || t.get() == ARRAY) {
      return Optional.empty();
    }
    boolean sized = t.get() == DECIMAL || t.get() == CHAR || t.get() == VARCHAR || t.get() == VARBINARY;
    if (sized && type.getPrecision() > 0) {
      return Optional.of(type.getPrecision());
    }
    return Optional.of(t.get().maxSize);
  }

  /**
   * DECIMAL_DIGITS: the scale of DECIMAL, the fractional digits of times (milliseconds: 3), pgjdbc's
   * digits for REAL and DOUBLE, 0 for integers; empty where digits do not apply.
   */
  public static Optional<Integer> digits(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> Optional.of(0);
      case REAL -> Optional.of(8);
      case DOUBLE -> Optional.of(17);
      case DECIMAL -> Optional.of(type.getScale());
      case TIME, TIMESTAMP -> Optional.of(Math.max(0, type.getPrecision()));
      default -> Optional.empty();
    };
  }

  /** CHAR_OCTET_LENGTH: the most bytes a text value takes in UTF-8; empty for other types. */
  public static Optional<Integer> octetLength(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case CHAR, VARCHAR -> size(type).map(n -> n > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : n * 4);
      default -> Optional.empty();
    };
  }

  private Optional<Short> minScale(boolean numeric) {
    return numeric || this == TIME || this == TIMESTAMP ? Optional.of((short) 0) : Optional.empty();
  }

  /** The most digits after the point: DECIMAL's 38, milliseconds for times, none for integers and floats. */
  private Optional<Short> maxScale(boolean numeric) {
    return switch (this) {
      case DECIMAL -> Optional.of((short) 38);
      case TIME, TIMESTAMP -> Optional.of((short) 3);
      default -> numeric ? Optional.of((short) 0) : Optional.empty();
    };
  }

  /** The rows of {@code getTypeInfo}, ordered by DATA_TYPE as JDBC asks. */
  public static List<Object[]> typeInfo() {
    List<Object[]> rows = new ArrayList<>();
    for (MetaTypes t : values()) {
      int code = t.sqlType.getJdbcOrdinal();
      boolean numeric = t == TINYINT || t == SMALLINT || t == INTEGER || t == BIGINT || t == REAL
          || t == DOUBLE || t == DECIMAL;
      boolean text = t == CHAR || t == VARCHAR;
      rows.add(new Object[] {t.sqlType.getName(), code, t == ARRAY ? null : t.maxSize,
          t.literalPrefix.orElse(null), t.literalPrefix.map(p -> "'").orElse(null), t.createParams.orElse(null),
          (short) DatabaseMetaData.typeNullable, text,
          (short) (text ? DatabaseMetaData.typeSearchable : t == ARRAY ? DatabaseMetaData.typePredNone
              : DatabaseMetaData.typePredBasic),
          false, false, false, t.sqlType.getName(),
          t.minScale(numeric).orElse(null), t.maxScale(numeric).orElse(null), null, null, numeric ? 10 : null});
    }
    rows.sort(Comparator.comparingInt(r -> (int) r[1]));
    return rows;
  }
}
