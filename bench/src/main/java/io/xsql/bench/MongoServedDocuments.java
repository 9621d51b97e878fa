package io.xsql.bench;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mongo-java-server's in-memory backend, counting on the server side the documents it returns to {@code find}
 * commands and their {@code getMore}s, apart for finds whose filter uses {@code $in} (what a lookup join
 * sends) and for the others (scans, and xsql's schema sample), and the time it spends answering them. xsql's
 * client is its own, in another JVM, so the server is where its reads can be counted.
 */
final class MongoServedDocuments extends MemoryBackend {
  /**
   * What the server has done so far.
   *
   * @param toIn documents returned to finds using {@code $in}
   * @param toOther documents returned to other finds
   * @param nanos time spent answering finds and getMores (the server matches a find's documents before its
   *     first reply, so a find's time is mostly there)
   */
  record Count(long toIn, long toOther, long nanos) {
    /** What was done since {@code before}. */
    Count since(Count before) {
      return new Count(toIn - before.toIn, toOther - before.toOther, nanos - before.nanos);
    }

    double millis() {
      return nanos / 1e6;
    }
  }

  private final AtomicLong toIn = new AtomicLong();
  private final AtomicLong toOther = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();
  /** The projection of the latest find that had one, as the server received it. */
  private volatile String projection = "";
  /** Whether an open cursor's find used {@code $in}, by cursor id. */
  private final Map<Long, Boolean> cursors = new ConcurrentHashMap<>();

  /** Every command the driver sends arrives here (OP_MSG); the first key of the body names the command. */
  @Override
  public Document handleMessage(MongoMessage message) {
    long start = System.nanoTime();
    Document response = super.handleMessage(message);
    long took = System.nanoTime() - start;
    Document query = message.getDocument();
    String command = query.keySet().iterator().next();
    if (command.equalsIgnoreCase("find") || command.equalsIgnoreCase("getMore")) {
      nanos.addAndGet(took);
    }
    if (command.equalsIgnoreCase("find")) {
      if (query.get("projection") instanceof Document p && !p.isEmpty()) {
        projection = p.toString();
      }
      boolean in = usesIn(query.get("filter"));
      long cursor = count(response, "firstBatch", in);
      if (cursor != 0) {
        cursors.put(cursor, in);
      }
    } else if (command.equalsIgnoreCase("getMore") && query.get("getMore") instanceof Number id) {
      Boolean in = cursors.get(id.longValue());
      if (in != null && count(response, "nextBatch", in) == 0) {
        cursors.remove(id.longValue());
      }
    }
    return response;
  }

  /** The documents returned so far. */
  Count count() {
    return new Count(toIn.get(), toOther.get(), nanos.get());
  }

  /** The projection of the latest find that had one, empty before any. */
  String lastProjection() {
    return projection;
  }

  /** Counts a reply's documents; the id of the cursor it leaves open, 0 if none. */
  private long count(Document response, String batchKey, boolean in) {
    if (!(response.get("cursor") instanceof Document cursor) || !(cursor.get(batchKey) instanceof List<?> batch)) {
      return 0;
    }
    (in ? toIn : toOther).addAndGet(batch.size());
    return ((Number) cursor.get("id")).longValue();
  }

  /** Whether a filter, at any depth, holds an {@code $in}. */
  private static boolean usesIn(Object filter) {
    if (filter instanceof Document d) {
      return d.keySet().contains("$in") || d.values().stream().anyMatch(MongoServedDocuments::usesIn);
    }
    return filter instanceof List<?> list && list.stream().anyMatch(MongoServedDocuments::usesIn);
  }
}
