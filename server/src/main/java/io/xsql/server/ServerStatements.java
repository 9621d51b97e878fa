package io.xsql.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * The statements each user has open, for {@link ServerLimits#maxStatements()}. A slot is reserved before a
 * statement is made (preparing takes a while, and two requests must not both take the last slot), then
 * either confirmed with the statement's id or given back.
 */
final class ServerStatements {
  /** SQLState for a limit reached (PostgreSQL's configuration_limit_exceeded). */
  static final String LIMIT_REACHED = "53400";

  /** Statement id to its owner and connection. Guarded by {@code this}. */
  private final Map<Integer, Owner> open = new HashMap<>();
  /** Slots reserved per user. Guarded by {@code this}. */
  private final Map<String, Integer> reserved = new HashMap<>();

  /**
   * Reserves a slot for {@code user}'s next statement.
   *
   * @param alive whether a statement id still exists on the server (those that expired are let go here)
   * @throws AvaticaRuntimeException 53400 when the user has {@code max} statements open already
   */
  synchronized void reserve(String user, int max, IntPredicate alive) {
    if (max == 0) {
      reserved.merge(user, 1, Integer::sum);
      return;
    }
    int count = reserved.getOrDefault(user, 0);
    for (Iterator<Map.Entry<Integer, Owner>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Owner> e = it.next();
      if (!alive.test(e.getKey())) {
        it.remove();
      } else if (e.getValue().user().equals(user)) {
        count++;
      }
    }
    if (count >= max) {
      throw new AvaticaRuntimeException("user '" + ServerCaller.printable(user) + "' has " + count
          + " statements open, the server's limit for this user; close a statement first", 0, LIMIT_REACHED,
          AvaticaSeverity.ERROR);
    }
    reserved.merge(user, 1, Integer::sum);
  }

  /** Turns a reservation into the open statement {@code id} of connection {@code connectionId}. */
  synchronized void confirm(String user, int id, String connectionId) {
    release(user);
    open.put(id, new Owner(user, connectionId));
  }

  /** Gives a reservation back: the statement was not made. */
  synchronized void release(String user) {
    reserved.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
  }

  /** Forgets a closed statement. */
  synchronized void closed(int id) {
    open.remove(id);
  }

  /** Forgets the statements of a closed connection; returns their ids. */
  synchronized List<Integer> closedConnection(String connectionId) {
    List<Integer> ids = new ArrayList<>();
    open.entrySet().removeIf(e -> {
      boolean of = e.getValue().connectionId().equals(connectionId);
      if (of) {
        ids.add(e.getKey());
      }
      return of;
    });
    return ids;
  }

  /** Forgets the statements that no longer exist (closed with their connection, or expired). */
  synchronized void sweep(IntPredicate alive) {
    open.keySet().removeIf(id -> !alive.test(id));
  }

  /** How many statements {@code user} has open. */
  synchronized int count(String user) {
    return (int) open.values().stream().filter(o -> o.user().equals(user)).count();
  }

  /** Who opened a statement, on which connection. */
  private record Owner(String user, String connectionId) {}
}
