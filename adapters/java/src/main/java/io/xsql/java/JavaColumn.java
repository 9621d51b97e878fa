package io.xsql.java;

import io.xsql.spi.Column;
import java.util.function.Function;

/**
 * A column of a Java table and how to read it from an element.
 *
 * @param column the column
 * @param getter reads the column's raw Java value from an element
 */
record JavaColumn(Column column, Function<Object, Object> getter) {}
