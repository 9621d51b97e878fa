package io.xsql.driver;

import io.xsql.planner.XsqlMdRowCount;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.CyclicMetadataException;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.NullSentinel;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * Calcite's metadata handlers (with xsql's join estimates, {@link XsqlMdRowCount}) called through proxies,
 * with every answer cached in the query's
 * {@link RelMetadataQuery#map} as Calcite's generated handlers cache them.
 *
 * <p>Proxies spare each JVM the compilation of Calcite's generated handlers (Janino), a noticeable part of
 * the first query's time; but Calcite's proxies cache nothing, and metadata that recurses through the
 * plan (pulled-up predicates, column uniqueness) then costs time exponential in the plan's depth: TPC-H
 * Q3 over three sources did not plan in 30 s. With the cache, it plans in under a second. The planners
 * clear a relation's entries when it changes, as for the generated handlers.
 */
final class CachedMetadataHandlers implements MetadataHandlerProvider {
  /** Marks this cache's keys, so that they never equal the keys Calcite's reflective handlers use. */
  private static final Object TAG = new Object();

  private final MetadataHandlerProvider proxies = new ProxyingMetadataHandlerProvider(XsqlMdRowCount.PROVIDER);
  private final Map<Class<?>, Object> handlers = new ConcurrentHashMap<>();

  @Override
  public <H extends MetadataHandler<?>> H handler(Class<H> type) {
    return type.cast(handlers.computeIfAbsent(type, t -> caching(type, proxies.handler(type))));
  }

  private static <H> Object caching(Class<H> type, H handler) {
    InvocationHandler cached = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(handler, args);
      }
      if (args[0] instanceof HepRelVertex vertex) {
        // Calcite's handlers have no case for the heuristic planner's vertices and answer "unknown" (no
        // keys, no distinct counts) for every input of a rule's match: ask about the relation it holds.
        args = args.clone();
        args[0] = vertex.getCurrentRel();
      }
      RelNode rel = (RelNode) args[0];
      RelMetadataQuery mq = (RelMetadataQuery) args[1];
      List<Object> key = key(method, args);
      Object known = mq.map.get(rel, key);
      if (known == NullSentinel.ACTIVE) {
        throw new CyclicMetadataException();
      }
      if (known != null) {
        return known == NullSentinel.INSTANCE ? null : known;
      }
      mq.map.put(rel, key, NullSentinel.ACTIVE);
      try {
        Object answer = method.invoke(handler, args);
        mq.map.put(rel, key, NullSentinel.mask(answer));
        return answer;
      } catch (InvocationTargetException e) {
        mq.map.row(rel).clear();
        throw e.getCause();
      }
    };
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, cached);
  }

  /** The method and its arguments after the relation and the query; expressions by their text. */
  private static List<Object> key(Method method, Object[] args) {
    List<Object> key = new ArrayList<>(args.length);
    key.add(TAG);
    key.add(method);
    for (int i = 2; i < args.length; i++) {
      Object a = args[i];
      key.add(a == null ? NullSentinel.INSTANCE : a instanceof RexNode rex ? rex.toString() : a);
    }
    return key;
  }
}
