package io.xsql.file;

import io.xsql.spi.TextValues;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** Samples XML records for their columns and value kinds; {@link XmlFormat} says how elements become columns. */
final class XmlSampler {
  private XmlSampler() {}

  /** A value a record holds: its column's path and its text, null if empty. */
  private record Seen(List<String> path, String text) {}

  /**
   * Samples the record whose start tag the parser is at, reading it to its end tag. Nothing is added
   * unless the whole record can be read. A path seen more than once in the record is a text column: its
   * values are read as a JSON array.
   */
  static void record(XmlElements in, int flattenDepth, Sample sample) {
    List<Seen> seen = new ArrayList<>();
    element(in, List.of(), flattenDepth, true, seen);
    Map<List<String>, List<String>> byPath = new LinkedHashMap<>();
    for (Seen s : seen) {
      byPath.computeIfAbsent(s.path(), p -> new ArrayList<>()).add(s.text());
    }
    byPath.forEach((path, texts) -> {
      String text = texts.get(0);
      sample.value(path, texts.size() > 1 ? TypeKind.VARCHAR
          : text == null || text.isEmpty() ? null : TextValues.kindOfText(text), texts.size() > 1 ? null : text);
    });
  }

  /**
   * Reads the element whose start tag the parser is at, to its end tag. An element with neither attributes
   * nor child elements is a value at its path; another one's text is (when it has some), its attributes
   * are values one level down, and so are its children: each flattened the same way while {@code depth}
   * levels are left, else read for all the text inside. The record's own text is no column.
   */
  private static void element(XmlElements in, List<String> path, int depth, boolean record, List<Seen> out) {
    XMLStreamReader x = in.stream();
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < x.getAttributeCount(); i++) {
      if (in.isData(i)) {
        attributes.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
      }
    }
    List<Seen> nested = new ArrayList<>();
    Set<String> children = new HashSet<>();
    XmlText text = new XmlText();
    for (int event = in.step(); event != XMLStreamConstants.END_ELEMENT; event = in.step()) {
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = x.getLocalName();
        children.add(name);
        List<String> child = append(path, name);
        if (depth > 0) {
          element(in, child, depth - 1, false, nested);
        } else {
          nested.add(new Seen(child, in.text(new XmlText())));
        }
      } else if (!record && XmlElements.isText(event)) {
        text.add(x.getText());
      }
    }
    String own = text.take();
    if (!record && attributes.isEmpty() && children.isEmpty()) {
      out.add(new Seen(path, own));
      return;
    }
    if (own != null) {
      out.add(new Seen(path, own));
    }
    // An attribute and a child element of the same name are two columns: the attribute's is @name.
    attributes.forEach((name, value) ->
        out.add(new Seen(append(path, children.contains(name) ? "@" + name : name), value)));
    out.addAll(nested);
  }

  private static List<String> append(List<String> path, String name) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(name);
    return out;
  }
}
