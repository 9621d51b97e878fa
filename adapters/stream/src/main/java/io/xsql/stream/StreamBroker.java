package io.xsql.stream;

/** A message system's side of a stream table: how to read its messages, and how to name them. */
interface StreamBroker {

  /**
   * Connects and opens a reader, failing within the connect timeout when the broker cannot be reached
   * (08001) or the stream or queue does not exist (42S02).
   *
   * @param unbounded whether the reader follows the stream ({@code SELECT STREAM}) rather than reading what
   *     it holds now
   */
  StreamReader open(boolean unbounded);

  /** The source and its stream or queue, for messages; no secrets. */
  String where();

  /** What EXPLAIN shows: the broker's address and the stream or queue; no secrets. */
  String describe();
}
