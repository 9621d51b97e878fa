package io.xsql.driver;

import static org.apache.calcite.util.Static.RESOURCE;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Turns whatever the engine or a source threw into an {@link SQLException} with a fitting SQLState, the
 * cause chained, and the message of the exception that knows most. Public for the JDBC classes in
 * {@code org.apache.calcite.jdbc}; not an API.
 */
public final class XsqlErrors {
  /** Stands for a message argument when a template is rendered. */
  private static final String ARG = "\u0001";

  /** Validator messages that mean "no such table", matched against Calcite's own message templates. */
  private static final List<Pattern> UNKNOWN_TABLE = List.of(
      template(RESOURCE.objectNotFound(ARG).ex()),
      template(RESOURCE.objectNotFoundWithin(ARG, ARG).ex()),
      template(RESOURCE.objectNotFoundDidYouMean(ARG, ARG).ex()),
      template(RESOURCE.objectNotFoundWithinDidYouMean(ARG, ARG, ARG).ex()),
      template(RESOURCE.tableNameNotFound(ARG).ex()),
      template(RESOURCE.tableNameNotFoundDidYouMean(ARG, ARG).ex()));
  /** Validator messages that mean "no such column". */
  private static final List<Pattern> UNKNOWN_COLUMN = List.of(
      template(RESOURCE.columnNotFound(ARG).ex()),
      template(RESOURCE.columnNotFoundDidYouMean(ARG, ARG).ex()),
      template(RESOURCE.columnNotFoundInTable(ARG, ARG).ex()),
      template(RESOURCE.columnNotFoundInTableDidYouMean(ARG, ARG, ARG).ex()),
      template(RESOURCE.unknownIdentifier(ARG).ex()));

  private XsqlErrors() {}

  private static Pattern template(Exception e) {
    StringBuilder regex = new StringBuilder();
    for (String part : e.getMessage().split(ARG, -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Translates an exception; one that already carries an SQLState passes through unchanged. */
  public static SQLException translate(Throwable e) {
    if (e instanceof SQLException sql && sql.getSQLState() != null) {
      return sql;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return new SQLException(sql.getMessage(), sql.getSQLState(), sql.getErrorCode(), e);
      }
      if (t instanceof SourceException s) {
        return create(s.getMessage(), s.sqlState(), e);
      }
      if (t instanceof CalciteContextException c) {
        return create(c.getMessage(), validationState(c), e);
      }
      if (t instanceof SqlParseException p) {
        // Calcite lists every token it would have accepted; the first line says what is wrong.
        String message = p.getMessage();
        int expecting = message.indexOf("\nWas expecting");
        return create(expecting < 0 ? message : message.substring(0, expecting).trim(),
            ErrorCode.SYNTAX.sqlState(), e);
      }
      if (t instanceof ArithmeticException a) {
        String m = String.valueOf(a.getMessage());
        return create(m, m.contains("zero") ? "22012" : "22003", e);
      }
      if (t instanceof NumberFormatException n) {
        return create("invalid number: " + n.getMessage(), ErrorCode.DATA_TYPE.sqlState(), e);
      }
      if (t instanceof DateTimeParseException d) {
        return create("invalid date or time: " + d.getMessage(), "22007", e);
      }
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return create(message, ErrorCode.INTERNAL.sqlState(), e);
  }

  /** Messages as a chain of SQLWarnings (SQLState 01000), oldest first; empty without messages. */
  public static Optional<SQLWarning> warnings(List<String> messages) {
    SQLWarning first = null;
    for (String m : messages) {
      SQLWarning warning = new SQLWarning(m, "01000");
      if (first == null) {
        first = warning;
      } else {
        first.setNextWarning(warning);
      }
    }
    return Optional.ofNullable(first);
  }

  private static SQLException create(String message, String sqlState, Throwable cause) {
    if (sqlState.equals(ErrorCode.TIMEOUT.sqlState())) {
      return new SQLTimeoutException(message, sqlState, cause);
    }
    return new SQLException(message, sqlState, cause);
  }

  private static String validationState(CalciteContextException c) {
    String message = c.getCause() instanceof SqlValidatorException v ? v.getMessage() : c.getMessage();
    if (UNKNOWN_TABLE.stream().anyMatch(p -> p.matcher(message).matches())) {
      return ErrorCode.UNKNOWN_TABLE.sqlState();
    }
    if (UNKNOWN_COLUMN.stream().anyMatch(p -> p.matcher(message).matches())) {
      return ErrorCode.UNKNOWN_COLUMN.sqlState();
    }
    return ErrorCode.SYNTAX.sqlState();
  }
}
