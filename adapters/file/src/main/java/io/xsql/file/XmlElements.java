package io.xsql.file;

import io.xsql.spi.ErrorCode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds the records of an XML document, the elements at an {@link XmlPath}, one at a time, streaming with
 * StAX: memory stays the same whatever the size of the document, and elements off the path are passed
 * over without building their text. A caller reads each record from its start tag to its end tag through
 * {@link #step()}, {@link #text(XmlText)} and {@link #skip()} before asking for the next one.
 *
 * <p>The parser reads no DTD: a document type declaration is passed over, so no entity is declared and
 * a reference to one fails the document. No file or URL named in a document is ever opened.
 *
 * <p>XML cannot be resynchronized after damage, so every failure of the document ends the read.
 */
final class XmlElements implements Closeable {
  private final XmlPath path;
  private final InputStream in;
  private final byte[] head;
  private Charset charset;
  /** Created at the first record, so that an unreadable start fails as the first record does. */
  private XMLStreamReader xml;
  private boolean ended;
  /** Elements open around the stream's position, and how many of the outermost ones are on the path. */
  private int depth;
  private int matched;
  private long records;
  private Optional<String> root = Optional.empty();
  private String recordAt = "1:1";
  private Optional<String> errorAt = Optional.empty();

  /** Opens a document (decompressed, past a byte order mark) to read the records at a path. */
  XmlElements(Path file, XmlPath path) throws IOException {
    this.path = path;
    this.in = FileInputs.open(file);
    try {
      in.mark(XmlCharset.HEAD);
      this.head = in.readNBytes(XmlCharset.HEAD);
      in.reset();
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The parser: namespace aware, pieces of text joined, and no DTD, so no entities, external or internal
   * (nor their expansion, the "billion laughs"). One per document: factories are not documented as safe
   * for concurrent use.
   */
  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setXMLResolver((publicId, systemId, base, namespace) -> {
      throw new XMLStreamException("external entities are not read: " + systemId);
    });
    return f;
  }

  /** Starts the parser; false for an empty file, which holds no records. */
  private boolean start() {
    if (head.length == 0) {
      ended = true;
      return false;
    }
    charset = XmlCharset.of(head);
    try {
      xml = factory().createXMLStreamReader(new DecodingReader(in, charset));
    } catch (XMLStreamException e) {
      throw failure(e);
    }
    return true;
  }

  /**
   * Moves to the start tag of the next record.
   *
   * @return false at the end of the document
   * @throws MalformedRecordException if the document is not well-formed XML (never recoverable)
   */
  boolean next() {
    if (ended || xml == null && !start()) {
      return false;
    }
    while (true) {
      Location before = xml.getLocation();
      int event = step();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String name = xml.getLocalName();
        if (depth == 1) {
          root = Optional.of(name);
        }
        if (matched == depth - 1 && path.matches(depth - 1, name)) {
          matched = depth;
          if (depth == path.depth()) {
            // The caller reads the record to its end tag: it counts as closed already.
            depth--;
            matched--;
            recordAt = before.getLineNumber() + ":" + before.getColumnNumber();
            records++;
            return true;
          }
        } else {
          // Off the path: no record can be inside.
          skip();
          depth--;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        matched = Math.min(matched, depth);
      } else if (event == XMLStreamConstants.END_DOCUMENT) {
        ended = true;
        return false;
      }
    }
  }

  /** The parser, at the current record or inside it. */
  XMLStreamReader stream() {
    return xml;
  }

  /** Moves the parser to its next event, failing as {@link #next()} does. */
  int step() {
    try {
      return xml.next();
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  /** Passes over the element whose start tag the parser is at, to its end tag, building no text. */
  void skip() {
    for (int open = 1; open > 0; ) {
      int event = step();
      if (event == XMLStreamConstants.START_ELEMENT) {
        open++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        open--;
      }
    }
  }

  /**
   * Reads the element whose start tag the parser is at, to its end tag, for the text in it and in its
   * descendants (see {@link XmlText}).
   *
   * @param text where to gather it, left empty for the next element
   * @return the text, or null if there is none
   */
  String text(XmlText text) {
    for (int open = 1; open > 0; ) {
      int event = step();
      if (event == XMLStreamConstants.START_ELEMENT) {
        open++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        open--;
      } else if (isText(event)) {
        text.add(xml.getText());
      }
    }
    return text.take();
  }

  /** Whether an event is a piece of text. */
  static boolean isText(int event) {
    return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
        || event == XMLStreamConstants.SPACE;
  }

  /**
   * Whether the current element's attribute {@code i} is data: those of the XML Schema instance namespace
   * ({@code xsi:nil}, {@code xsi:type}) describe the document, and an element with {@code xsi:nil} is empty,
   * which reads as NULL anyway.
   */
  boolean isData(int i) {
    return !XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(xml.getAttributeNamespace(i));
  }

  /** How many records were found so far. */
  long records() {
    return records;
  }

  /** The name of the root element, once the parser is past its start tag. */
  Optional<String> root() {
    return root;
  }

  /** The characters read so far (wrapping past 2^31; differences of nearby offsets stay right). */
  int offset() {
    return xml == null ? 0 : xml.getLocation().getCharacterOffset();
  }

  /** {@code line:column} of the failure that ended the read, or else of the current record's start tag. */
  String where() {
    return errorAt.orElse(recordAt);
  }

  /** Turns a parser failure into a damaged-document error, or an I/O error for the file's bytes. */
  private RuntimeException failure(XMLStreamException e) {
    ended = true;
    Location at = e.getLocation() != null ? e.getLocation() : xml != null ? xml.getLocation() : null;
    errorAt = Optional.ofNullable(at)
        .map(l -> Math.max(1, l.getLineNumber()) + ":" + Math.max(1, l.getColumnNumber()));
    Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
    if (cause instanceof CharacterCodingException) {
      return new MalformedRecordException(ErrorCode.DATA, "bytes that are not valid " + charset, false);
    }
    if (cause instanceof IOException io) {
      return new UncheckedIOException(io);
    }
    // The parser's messages start with where the error is, which the caller says its own way.
    String message = String.valueOf(e.getMessage());
    int text = message.indexOf("Message: ");
    return new MalformedRecordException(ErrorCode.DATA,
        "not well-formed XML: " + (text >= 0 ? message.substring(text + "Message: ".length()) : message), false);
  }

  /** Closes the file; the parser holds nothing else. */
  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
