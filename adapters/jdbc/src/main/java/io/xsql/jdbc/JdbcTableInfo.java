package io.xsql.jdbc;

import java.util.List;
import java.util.OptionalDouble;
import org.apache.calcite.schema.Schema;

/**
 * A table or view as the database's metadata describes it.
 *
 * @param namespace where it lives
 * @param name its name as the database spells it
 * @param type table, view, ...
 * @param columns its columns in order
 * @param rows the database's estimate of its row count, if it keeps one
 */
record JdbcTableInfo(JdbcNamespace namespace, String name, Schema.TableType type, List<JdbcColumn> columns,
    OptionalDouble rows) {}
