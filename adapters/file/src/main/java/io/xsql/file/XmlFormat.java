package io.xsql.file;

import io.xsql.spi.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * XML documents: the records are the elements at an element path ({@code records: /catalog/product}), else
 * the children of the root element. Streamed, never held whole.
 *
 * <p>A record's attributes and child elements are its columns: {@code <product id="1"><title>x</title>}
 * has {@code id} and {@code title}. A child with attributes or children of its own is flattened, up to
 * {@code flatten_depth} levels: {@code <price currency="EUR">12</price>} is {@code price} (its text) and
 * {@code price.currency}; {@code <dims><w>3</w></dims>} is {@code dims.w}. Deeper down, an element is read
 * for all the text inside it. Where an attribute and a child element share a name, the attribute's column
 * is {@code @name}. Names are local names: namespace prefixes do not matter.
 *
 * <p>An empty or missing element is NULL, an empty attribute is an empty string in a text column. An
 * element repeated in a record reads as a JSON array of its texts: {@code ["a","b"]}. Types come from a
 * sample of the records' texts, as for CSV.
 */
final class XmlFormat implements RecordFormat {

  @Override
  public Set<String> keys() {
    return Set.of("flatten_depth", "records");
  }

  /**
   * Samples the first records. A document with no record where the path leads fails, unless columns are
   * pinned, as there is nothing to name columns; it is the last file's failure only, since the records may
   * be in another file.
   */
  @Override
  public void sample(FileConfig config, Path file, Sample sample) throws IOException {
    XmlPath path = XmlPath.of(config);
    try (XmlElements records = new XmlElements(file, path)) {
      try {
        int mark = records.offset();
        while (sample.records < config.sampleSize() && records.next()) {
          XmlSampler.record(records, config.flattenDepth(), sample);
          sample.records++;
          // Offsets between records count what separates them too, as the file's size does.
          sample.bytes += Math.max(1, records.offset() - mark);
          mark = records.offset();
        }
      } catch (MalformedRecordException e) {
        // Damage after good records is the scan's to report; before any, nothing can be read.
        if (sample.isEmpty()) {
          throw new MalformedRecordException(e.code(), "line " + records.where().replace(":", ", column ")
              + ": " + e.getMessage(), false);
        }
        return;
      }
      List<Path> files = config.files().files();
      if (records.records() == 0 && records.root().isPresent() && sample.isEmpty()
          && config.pinned().isEmpty() && files.get(files.size() - 1).equals(file)) {
        throw new MalformedRecordException(ErrorCode.DATA, path.nothingFound(records.root().get())
            + "; give the records' path with 'records', or pin the columns with 'columns'", false);
      }
    }
  }

  @Override
  public RecordReader open(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    return new XmlReader(config, schema, file, needed);
  }
}
