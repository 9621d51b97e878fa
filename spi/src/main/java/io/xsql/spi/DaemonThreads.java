package io.xsql.spi;

import java.util.concurrent.ThreadFactory;

/** Threads for xsql's background work: daemons, so that they never keep an application's JVM running. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads with this name (thread dumps show what each one is for). */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
