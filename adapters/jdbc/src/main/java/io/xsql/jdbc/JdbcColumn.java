package io.xsql.jdbc;

/**
 * A column as {@code DatabaseMetaData.getColumns} describes it.
 *
 * @param name the name as the database spells it
 * @param jdbcType the {@link java.sql.Types} code
 * @param typeName the database's own type name ({@code int4}, {@code INT UNSIGNED}, {@code _text})
 * @param size the column size (precision, or length)
 * @param digits the decimal digits (scale)
 * @param nullable whether it may hold NULL (unknown counts as yes)
 */
record JdbcColumn(String name, int jdbcType, String typeName, int size, int digits, boolean nullable) {}
