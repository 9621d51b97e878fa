package io.xsql.file;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * How a CSV file is written.
 *
 * @param delimiter between fields
 * @param quote around fields holding delimiters, quotes or line breaks; empty when fields are never quoted
 *     (the default for TSV)
 * @param escape before a quote inside a quoted field; equal to {@code quote} for the usual doubling
 * @param header whether the first record names the columns
 * @param nullString text that stands for NULL; by default an empty unquoted field is NULL and {@code ""}
 *     is an empty string, as in PostgreSQL's COPY
 * @param comment lines starting with this character are skipped
 * @param encoding the file's character set
 */
record CsvOptions(char delimiter, Optional<Character> quote, char escape, boolean header, Optional<String> nullString,
    Optional<Character> comment, Charset encoding) {}
