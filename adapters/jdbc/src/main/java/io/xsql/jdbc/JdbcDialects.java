package io.xsql.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The SQL dialect for each database family. Calcite's dialect factory does not know MariaDB (it would
 * quote names with double quotes); literals are always written the standard way, without character set
 * prefixes; and Calcite's LIKE has no escape character while PostgreSQL's defaults to backslash.
 */
final class JdbcDialects {
  private JdbcDialects() {}

  /** The dialect for a database, from its family and what its driver reports. */
  static SqlDialect create(JdbcKind kind, DatabaseMetaData meta) throws SQLException {
    return switch (kind) {
      case POSTGRES -> new Postgres(versioned(PostgresqlSqlDialect.DEFAULT_CONTEXT, meta));
      case MYSQL -> new Mysql(versioned(MysqlSqlDialect.DEFAULT_CONTEXT, meta));
      case GENERIC -> SqlDialectFactoryImpl.INSTANCE.create(meta);
    };
  }

  private static SqlDialect.Context versioned(SqlDialect.Context context, DatabaseMetaData meta)
      throws SQLException {
    return context.withDatabaseMajorVersion(meta.getDatabaseMajorVersion())
        .withDatabaseMinorVersion(meta.getDatabaseMinorVersion())
        .withDatabaseVersion(meta.getDatabaseProductVersion());
  }

  /** Appends a literal the standard way: quotes doubled, no character set prefix. */
  private static void quote(StringBuilder buf, String value) {
    buf.append('\'').append(value.replace("'", "''")).append('\'');
  }

  /** PostgreSQL with standard literals and {@code LIKE ... ESCAPE ''}. */
  private static final class Postgres extends PostgresqlSqlDialect {
    Postgres(Context context) {
      super(context);
    }

    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String value) {
      quote(buf, value);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (call.getKind() == SqlKind.LIKE && call.operandCount() == 2) {
        // ESCAPE '' turns escaping off, which is what LIKE without ESCAPE means to xsql.
        super.unparseCall(writer, call.getOperator().createCall(call.getParserPosition(), call.operand(0),
            call.operand(1), SqlLiteral.createCharString("", SqlParserPos.ZERO)), leftPrec, rightPrec);
        return;
      }
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }

  /**
   * MySQL and MariaDB, on sessions with NO_BACKSLASH_ESCAPES (see {@link JdbcPools}), where literals are
   * standard. LIKE is never pushed there (text compares case-insensitively), so it needs no rewriting.
   */
  private static final class Mysql extends MysqlSqlDialect {
    Mysql(Context context) {
      super(context);
    }

    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String value) {
      quote(buf, value);
    }
  }
}
