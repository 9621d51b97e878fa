package io.xsql.driver;

import java.sql.ResultSet;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * What xsql answers about itself, the same for embedded and remote ({@code jdbc:xsql:remote:})
 * connections: its identifier rules (quoted with {@code "}, kept as written, matched ignoring case), SQL
 * that Calcite runs (outer joins, subqueries in comparisons, EXISTS, IN and quantifiers, UNION), read-only
 * forward-only results, schemas without catalogs (a database's schemas are {@code crm.sales}, see
 * {@link MetaSchemas}). The listings themselves come from the connection's meta.
 */
public final class XsqlDatabaseMetaData extends AvaticaDatabaseMetaData {

  /** The metadata of a connection. */
  public XsqlDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }

  @Override
  public String getIdentifierQuoteString() {
    return "\"";
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() {
    return false;
  }

  /** {@code x > ALL (SELECT ...)}, {@code x = ANY (SELECT ...)}. */
  @Override
  public boolean supportsSubqueriesInQuantifieds() {
    return true;
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() {
    return true;
  }

  @Override
  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  // Every TABLE_CAT is NULL: tools that see catalogs supported qualify names with them.

  @Override
  public boolean supportsCatalogsInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public String getCatalogSeparator() {
    return "";
  }

  @Override
  public String getCatalogTerm() {
    return "";
  }
}
