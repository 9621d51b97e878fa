package io.xsql.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;

/** xsql sources are read only and have no transactions: one handle stands for all. */
public enum XsqlTrinoTransactionHandle implements ConnectorTransactionHandle {
  INSTANCE
}
