package io.xsql.jdbc;

import java.util.Optional;

/**
 * One schema of a database (a database, on MySQL) and how SQL addresses it.
 *
 * @param name the name xsql shows
 * @param catalog the JDBC catalog part of its tables' names (MySQL's database)
 * @param schema the JDBC schema part (PostgreSQL's schema)
 */
record JdbcNamespace(String name, Optional<String> catalog, Optional<String> schema) {}
