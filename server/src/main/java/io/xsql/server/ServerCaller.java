package io.xsql.server;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Who is making the request being served: set by Avatica's impersonation callback around each request,
 * on the thread that serves it, and read by {@link ServerMeta}.
 *
 * @param user the authenticated user name
 * @param address the client's address
 */
record ServerCaller(String user, String address) {
  private static final ThreadLocal<ServerCaller> CURRENT = new ThreadLocal<>();

  ServerCaller {
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(address, "address is null");
  }

  /** The caller of the request this thread serves, if it was authenticated. */
  static Optional<ServerCaller> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Runs {@code action} as this caller. */
  <T> T run(Callable<T> action) throws Exception {
    ServerCaller previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return action.call();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** A user name as it may go into a log line: control characters replaced, at most 64 characters. */
  static String printable(String name) {
    String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
