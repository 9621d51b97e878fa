package io.xsql.file;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields a scan needs, as a tree of JSON object keys: top-level keys lead to columns or to nested
 * objects whose keys lead further ({@code parent.child} columns). Keys match byte for byte.
 */
final class JsonPaths {
  private final List<byte[]> names = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final List<Integer> slots = new ArrayList<>();
  private final List<JsonPaths> children = new ArrayList<>();
  private byte[][] nameArray = new byte[0][];
  private int[] slotArray = new int[0];
  private JsonPaths[] childArray = new JsonPaths[0];

  /** The tree for columns given as key paths, each leading to a value slot. */
  static JsonPaths of(List<List<String>> paths, List<Integer> slots) {
    JsonPaths root = new JsonPaths();
    for (int i = 0; i < paths.size(); i++) {
      root.add(paths.get(i), 0, slots.get(i));
    }
    return root;
  }

  private void add(List<String> path, int depth, int slot) {
    String key = path.get(depth);
    int i = texts.indexOf(key);
    if (i < 0) {
      i = texts.size();
      texts.add(key);
      names.add(key.getBytes(StandardCharsets.UTF_8));
      slots.add(-1);
      children.add(null);
      nameArray = names.toArray(new byte[0][]);
    }
    if (depth == path.size() - 1) {
      slots.set(i, slot);
    } else {
      if (children.get(i) == null) {
        children.set(i, new JsonPaths());
      }
      children.get(i).add(path, depth + 1, slot);
    }
    // Arrays for the hot loop, which must not box.
    slotArray = slots.stream().mapToInt(Integer::intValue).toArray();
    childArray = children.toArray(new JsonPaths[0]);
  }

  /** The index of a key given as raw bytes without escapes, or -1. */
  int indexOf(byte[] b, int from, int to) {
    int length = to - from;
    for (int i = 0; i < nameArray.length; i++) {
      byte[] n = nameArray[i];
      if (n.length == length && (length == 0 || n[0] == b[from]) && Arrays.equals(b, from, to, n, 0, length)) {
        return i;
      }
    }
    return -1;
  }

  /** The index of a key given as text (keys written with escapes), or -1. */
  int indexOf(String key) {
    return texts.indexOf(key);
  }

  /** The column slot a key leads to, or -1 if it leads to a nested object. */
  int slot(int index) {
    return slotArray[index];
  }

  /** The nested keys under a key, or null if it leads to a column. */
  JsonPaths child(int index) {
    return childArray[index];
  }

  boolean isEmpty() {
    return texts.isEmpty();
  }
}
