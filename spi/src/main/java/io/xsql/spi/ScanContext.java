package io.xsql.spi;

import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * What a running query offers a source while it reads: cancellation and warnings.
 *
 * <p>The engine already stops a cursor that is canceled between rows; a source needs this only for work
 * that blocks (a database statement, an HTTP request) or that runs long before the first row.
 */
public interface ScanContext {

  /** The {@link DataContext} variable under which the driver puts a query's context. */
  String KEY = "xsql.query";

  /**
   * The context of the query a DataContext belongs to; outside the xsql driver, a context that only
   * follows Calcite's cancel flag.
   */
  static ScanContext of(DataContext root) {
    if (root.get(KEY) instanceof ScanContext context) {
      return context;
    }
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    return flag == null ? detached() : new ScanContext() {
      @Override
      public boolean isCanceled() {
        return flag.get();
      }

      @Override
      public AutoCloseable onCancel(Runnable action) {
        return () -> { };
      }

      @Override
      public void warn(String message) {
        // Plain Calcite has nowhere to put warnings.
      }
    };
  }

  /** Whether the query was canceled or ran past its timeout. */
  boolean isCanceled();

  /**
   * Registers an action that interrupts blocking work when the query is canceled or times out (for
   * example {@code java.sql.Statement.cancel()}). Closing the returned handle removes it.
   */
  AutoCloseable onCancel(Runnable action);

  /**
   * How long the query may still run, when it has a timeout: for a source that can tell its server to give
   * up too (MongoDB's {@code maxTimeMS}), so that work does not go on there after the query ended.
   */
  default OptionalLong millisLeft() {
    return OptionalLong.empty();
  }

  /** Reports something the user should know but that does not fail the query; it becomes an SQLWarning. */
  void warn(String message);

  /**
   * Keeps a line the query's warnings end with, made when they are read so that it is current then: what a
   * table asked of its source, say. One per key (the first given is kept); outside a query, dropped.
   */
  default void summary(Object key, Supplier<String> line) {
    // Only a query has warnings to end with it.
  }

  /**
   * A value all scans of the query share under a key, made on first use: a source's request count across
   * its tables, for example. Outside a query, each call makes a new one.
   */
  default <T> T shared(Object key, Supplier<T> create) {
    return create.get();
  }

  /**
   * The counters of an operation of this query on a source, for the {@code xsql.queries} system table; the
   * same operation asked for again gets the same counters. Outside a query, counters nobody reads.
   */
  default SourceActivity activity(SourceOperation operation) {
    return SourceActivity.NONE;
  }

  /** A context for reads outside a query: never canceled, warnings dropped. */
  static ScanContext detached() {
    return detached(message -> {
      // Nobody reads warnings outside a query.
    });
  }

  /**
   * A context for reads that nothing cancels but closing the cursor (a Trino worker's), whose warnings go
   * to {@code warnings}.
   */
  static ScanContext detached(Consumer<String> warnings) {
    return new ScanContext() {
      @Override
      public boolean isCanceled() {
        return false;
      }

      @Override
      public AutoCloseable onCancel(Runnable action) {
        return () -> { };
      }

      @Override
      public void warn(String message) {
        warnings.accept(message);
      }
    };
  }
}
