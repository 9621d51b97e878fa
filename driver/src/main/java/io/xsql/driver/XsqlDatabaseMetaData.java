package io.xsql.driver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * What xsql answers about itself, the same for embedded and remote ({@code jdbc:xsql:remote:})
 * connections: its identifier rules (quoted with {@code "}, kept as written, matched ignoring case), SQL
 * that Calcite runs (outer joins, subqueries in comparisons, EXISTS, IN and quantifiers, UNION), read-only
 * forward-only results, schemas without catalogs (a database's schemas are {@code crm.sales}, see
 * {@link MetaSchemas}). The listings themselves come from the connection's meta.
 */
public class XsqlDatabaseMetaData extends AvaticaDatabaseMetaData {

  /** The metadata of a connection. */
  public XsqlDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }

  /** xsql (a remote client's own driver would say Avatica: the server says xsql). */
  @Override
  public String getDatabaseProductName() throws SQLException {
    return server(Meta.DatabaseProperty.GET_DATABASE_PRODUCT_NAME).orElse(super.getDatabaseProductName());
  }

  /** The version of the xsql that answers: the server's, for a remote client. */
  @Override
  public String getDatabaseProductVersion() throws SQLException {
    return server(Meta.DatabaseProperty.GET_DATABASE_PRODUCT_VERSION).orElse(super.getDatabaseProductVersion());
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return server(Meta.DatabaseProperty.GET_DATABASE_MAJOR_VERSION).map(Integer::valueOf)
        .orElse(super.getDatabaseMajorVersion());
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return server(Meta.DatabaseProperty.GET_DATABASE_MINOR_VERSION).map(Integer::valueOf)
        .orElse(super.getDatabaseMinorVersion());
  }

  /**
   * A property as Avatica's server reports it from its own connection's metadata; empty for an embedded
   * connection, whose meta reports no product (the driver's version is the product's there).
   */
  private Optional<String> server(Meta.DatabaseProperty property) {
    return Optional.ofNullable(getRemoteAvaticaProperties().getProperty(property.name()))
        .filter(v -> !v.isEmpty() && !v.equals("-1"));
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
}
