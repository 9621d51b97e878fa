package io.xsql.file;

import io.xsql.spi.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the records of an XML document are: an absolute path of element names ({@code /catalog/product}),
 * matched on local names so that namespace prefixes do not matter; {@code *} matches any name.
 *
 * @param names the element names from the root down; {@link #ANY} for any name
 * @param text the path as written, for messages; empty for the default (the root element's children)
 */
record XmlPath(List<String> names, Optional<String> text) {
  /** The name that matches any element. */
  static final String ANY = "*";

  /** The records of a source: at the {@code records} path, else the child elements of the root. */
  static XmlPath of(FileConfig config) {
    return config.records().map(XmlPath::parse).orElse(new XmlPath(List.of(ANY, ANY), Optional.empty()));
  }

  private static XmlPath parse(String text) {
    String[] steps = text.substring(1).split("/", -1);
    for (String step : steps) {
      if (step.isEmpty()) {
        // FileConfig checks the leading slash only; a path it lets through can still name no element.
        throw new MalformedRecordException(ErrorCode.DATA, "records: '" + text
            + "' is not an element path such as /catalog/product", false);
      }
    }
    List<String> names = Arrays.stream(steps).map(s -> s.substring(s.indexOf(':') + 1)).toList();
    return new XmlPath(names, Optional.of(text));
  }

  /** Whether an element named {@code localName}, {@code depth} elements below the root, is on the path. */
  boolean matches(int depth, String localName) {
    String name = names.get(depth);
    return name.equals(ANY) || name.equals(localName);
  }

  /** How many elements deep the records are: 1 for the root element itself. */
  int depth() {
    return names.size();
  }

  /** Why a document whose root element is {@code root} gave no records (there are no columns to infer). */
  String nothingFound(String root) {
    return text.map(t -> "no <" + names.get(names.size() - 1) + "> elements at " + t
            + (matches(0, root) ? "" : " (the root element is <" + root + ">)"))
        .orElse("the root element <" + root + "> has no child elements");
  }
}
