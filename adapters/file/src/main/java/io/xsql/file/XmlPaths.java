package io.xsql.file;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of an XML source as a tree of element and attribute names: the record's attributes and
 * children lead to columns or to elements whose attributes and children lead further. The tree has the
 * shape of all the columns, so that an element reads the same whichever columns a scan needs; only the
 * needed ones have a slot, and branches without one are passed over.
 */
final class XmlPaths {
  private final Map<String, XmlPaths> children = new HashMap<>();
  /** The needed columns of the element's attributes, by attribute name. */
  private final Map<String, Integer> attributes = new HashMap<>();
  private int slot = -1;
  /** Whether a needed column is here or below. */
  private boolean needed;

  /** The tree of a source's columns, the needed ones leading to their slots. */
  static XmlPaths of(FileSchema schema, BitSet needed) {
    XmlPaths root = new XmlPaths();
    List<List<String>> paths = schema.paths();
    for (int c = 0; c < paths.size(); c++) {
      if (schema.fileSlot().orElse(-1) != c) {
        root.add(paths.get(c), c, needed.get(c));
      }
    }
    root.findAttributes();
    return root;
  }

  private void add(List<String> path, int column, boolean isNeeded) {
    XmlPaths node = this;
    node.needed |= isNeeded;
    for (String name : path) {
      node = node.children.computeIfAbsent(name, n -> new XmlPaths());
      node.needed |= isNeeded;
    }
    if (isNeeded) {
      node.slot = column;
    }
  }

  /**
   * Sets which column each attribute name leads to: {@code @name} where an attribute and a child element
   * share the name, else {@code name}.
   */
  private void findAttributes() {
    children.forEach((name, child) -> {
      child.findAttributes();
      boolean marked = name.startsWith("@");
      if (child.slot >= 0 && (marked || !children.containsKey("@" + name))) {
        attributes.put(marked ? name.substring(1) : name, child.slot);
      }
    });
  }

  /** The node of a child element, or null if no needed column is there or below. */
  XmlPaths element(String name) {
    XmlPaths child = children.get(name);
    return child != null && child.needed ? child : null;
  }

  /** The slot of an attribute's column, or -1 if it is not needed. */
  int attribute(String name) {
    return attributes.getOrDefault(name, -1);
  }

  /** Whether the element's columns end here, so that it is read for all the text inside it. */
  boolean isLeaf() {
    return children.isEmpty();
  }

  /** The slot of the element's own column (its text), or -1 if it is not needed. */
  int slot() {
    return slot;
  }
}
