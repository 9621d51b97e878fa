package io.xsql.driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * The plans of a connection's recent queries, by SQL text. A query sent again (a dashboard refreshed by a
 * BI tool, code that does not keep its {@code PreparedStatement}) skips parsing, planning and code
 * generation, which cost more than a small query's reading. A plan holds no rows and nothing of an
 * execution: every execution binds it anew, as the executions of one prepared statement do, so one plan
 * serves several statements, at once too. The connection drops its plans when the tables they read may
 * have changed ({@link #clear}).
 */
public final class PlanCache {
  /** What a plan depends on besides the tables: the text, the schema names resolve in, the row limit. */
  public record Key(String sql, List<String> schemaPath, long maxRowCount) {
    /** Copies the path. */
    public Key {
      schemaPath = List.copyOf(schemaPath);
    }
  }

  private final int capacity;
  private final Map<Key, CalciteSignature<?>> plans = new LinkedHashMap<>(16, 0.75f, true);

  /** A cache of at most {@code capacity} plans, the least recently used dropped first; 0 keeps none. */
  public PlanCache(int capacity) {
    this.capacity = capacity;
  }

  /** The plan made for {@code key}, if it is kept. */
  public synchronized Optional<CalciteSignature<?>> get(Key key) {
    return Optional.ofNullable(plans.get(key));
  }

  /** Keeps the plan of a query; statements other than queries are planned anew each time. */
  public synchronized void put(Key key, CalciteSignature<?> plan) {
    if (capacity == 0 || plan.statementType != Meta.StatementType.SELECT) {
      return;
    }
    plans.put(key, plan);
    if (plans.size() > capacity) {
      plans.remove(plans.keySet().iterator().next());
    }
  }

  /** Drops every plan: a source was refreshed or a table registered, so names may resolve otherwise. */
  public synchronized void clear() {
    plans.clear();
  }
}
