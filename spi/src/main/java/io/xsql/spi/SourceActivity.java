package io.xsql.spi;

import java.util.function.Supplier;

/**
 * The counters of one {@link SourceOperation} in one query: counters, never copies of rows. Calls may come
 * from several threads.
 */
public interface SourceActivity {
  /** Counters nobody reads: outside a query. */
  SourceActivity NONE = new SourceActivity() {
    @Override
    public void calls(long n) {
      // Outside a query nothing is kept.
    }

    @Override
    public void rows(long n) {
      // Outside a query nothing is kept.
    }

    @Override
    public void details(Supplier<String> text) {
      // Outside a query nothing is kept.
    }
  };

  /** Adds calls: a cursor opened, a batch of keys looked up, a statement run, a request sent. */
  void calls(long n);

  /** Adds rows the source sent. */
  void rows(long n);

  /** Sets what else is worth knowing (cache hits, retries...), read when the operation is shown. */
  void details(Supplier<String> text);
}
