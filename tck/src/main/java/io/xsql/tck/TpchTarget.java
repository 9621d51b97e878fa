package io.xsql.tck;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * One place the fixture loads tables into (a database, or a folder of files), with a marker that says which
 * data it holds, so that a later run can use it as it is.
 */
interface TpchTarget {
  /** What and where, for messages. */
  String describe();

  /** The tables it holds. */
  List<TpchTableDef> tables();

  /** Whether it is complete and holds the data the marker names. */
  boolean holds(String marker) throws IOException;

  /** Empties it (creating it if need be) and creates its tables. */
  void prepare() throws IOException, SQLException;

  /** Where one table's rows go; called from the loading threads after {@link #prepare()}. */
  TpchSink sink(TpchTableDef table) throws IOException, SQLException;

  /** After all rows: keys, statistics, and last the marker. */
  void finish(String marker) throws IOException, SQLException;

  /** Removes it. */
  void drop() throws IOException, SQLException;
}
