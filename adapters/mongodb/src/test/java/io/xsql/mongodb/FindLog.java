package io.xsql.mongodb;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;

/** Records the {@code find} commands a client sends, and how many documents the server returned. */
final class FindLog implements CommandListener {
  final List<BsonDocument> finds = new CopyOnWriteArrayList<>();
  private volatile int returned;

  @Override
  public void commandStarted(CommandStartedEvent event) {
    if (event.getCommandName().equals("find")) {
      finds.add(event.getCommand().clone());
    }
  }

  @Override
  public void commandSucceeded(CommandSucceededEvent event) {
    if (event.getCommandName().equals("find") || event.getCommandName().equals("getMore")) {
      BsonDocument cursor = event.getResponse().getDocument("cursor");
      String batch = cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch";
      returned += cursor.getArray(batch).size();
    }
  }

  /** The filter of the only find sent so far, as relaxed JSON. */
  String filter() {
    return finds.stream().reduce((a, b) -> {
      throw new AssertionError("more than one find: " + finds);
    }).orElseThrow().getDocument("filter").toJson();
  }

  /** Documents the server returned to all finds. */
  int returned() {
    return returned;
  }

  void clear() {
    finds.clear();
    returned = 0;
  }
}
