package io.xsql.file;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.xsql.spi.Column;
import io.xsql.spi.OnError;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the records of an XML document, converting only the needed columns: elements that lead to no
 * needed column are passed over unread. A record is read to its end tag before any value is converted, so
 * that a value that does not fit its column leaves the reader at the next record.
 */
final class XmlReader implements RecordReader {
  private final FileConfig config;
  private final Path file;
  private final List<Column> columns;
  private final BitSet pinned;
  private final BitSet needed;
  private final XmlElements records;
  private final XmlPaths paths;
  private final XmlText text = new XmlText();
  private final List<String> nulled = new ArrayList<>();
  // Each needed column's texts in the current record: the first, how many, and all of them if several.
  private final String[] first;
  private final int[] counts;
  private final List<List<String>> all = new ArrayList<>();

  XmlReader(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    this.config = config;
    this.file = file;
    this.columns = schema.columns();
    this.pinned = schema.pinned();
    this.needed = needed;
    this.paths = XmlPaths.of(schema, needed);
    this.first = new String[columns.size()];
    this.counts = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      all.add(new ArrayList<>());
    }
    this.records = new XmlElements(file, XmlPath.of(config));
  }

  @Override
  public boolean next(Object[] values) {
    nulled.clear();
    if (!records.next()) {
      return false;
    }
    for (int c = needed.nextSetBit(0); c >= 0; c = needed.nextSetBit(c + 1)) {
      counts[c] = 0;
    }
    read(paths);
    for (int c = needed.nextSetBit(0); c >= 0; c = needed.nextSetBit(c + 1)) {
      values[c] = value(c);
    }
    return true;
  }

  /** Reads the element whose start tag the parser is at, to its end tag, for the needed columns' texts. */
  private void read(XmlPaths node) {
    XMLStreamReader x = records.stream();
    for (int i = 0; i < x.getAttributeCount(); i++) {
      int slot = node.attribute(x.getAttributeLocalName(i));
      if (slot >= 0 && records.isData(i)) {
        put(slot, x.getAttributeValue(i));
      }
    }
    // The element's own text, between its children; the shared buffer serves those children.
    XmlText own = node.slot() >= 0 ? new XmlText() : null;
    for (int event = records.step(); event != XMLStreamConstants.END_ELEMENT; event = records.step()) {
      if (event == XMLStreamConstants.START_ELEMENT) {
        XmlPaths child = node.element(x.getLocalName());
        if (child == null) {
          records.skip();
        } else if (child.isLeaf()) {
          put(child.slot(), records.text(text));
        } else {
          read(child);
        }
      } else if (own != null && XmlElements.isText(event)) {
        own.add(x.getText());
      }
    }
    if (own != null) {
      put(node.slot(), own.take());
    }
  }

  private void put(int c, String value) {
    int n = counts[c]++;
    if (n == 0) {
      first[c] = value;
      return;
    }
    List<String> values = all.get(c);
    if (n == 1) {
      values.clear();
      values.add(first[c]);
    }
    values.add(value);
  }

  private Object value(int c) {
    int n = counts[c];
    if (n == 0) {
      return null;
    }
    String value = n == 1 ? first[c] : jsonArray(all.get(c));
    Column column = columns.get(c);
    // An empty element is NULL already (null here); an empty attribute is text in a text column only.
    if (value == null || value.isEmpty() && column.type().kind() != TypeKind.VARCHAR) {
      return null;
    }
    try {
      return FileValues.parse(value, column.type(), pinned.get(c));
    } catch (MalformedRecordException e) {
      String message = "column '" + column.name() + "': " + e.getMessage();
      if (config.onError() == OnError.NULL) {
        nulled.add(message);
        return null;
      }
      throw new MalformedRecordException(e.code(), message, true);
    }
  }

  /** The values of an element repeated in a record, as a JSON array of strings (nulls for empty ones). */
  static String jsonArray(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (String v : values) {
      b.append(b.length() > 1 ? "," : "");
      if (v == null) {
        b.append("null");
      } else {
        JsonStringEncoder.getInstance().quoteAsString(v, b.append('"'));
        b.append('"');
      }
    }
    return b.append(']').toString();
  }

  @Override
  public List<String> nulled() {
    return nulled;
  }

  @Override
  public String position() {
    return file + ":" + records.where();
  }

  @Override
  public long order() {
    return records.records();
  }

  @Override
  public void close() {
    records.close();
  }
}
