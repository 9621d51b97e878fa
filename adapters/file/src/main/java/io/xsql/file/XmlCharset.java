package io.xsql.file;

import io.xsql.spi.ErrorCode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character set of an XML document, told by its first bytes as XML 1.0 appendix F describes: a UTF-16
 * byte order mark or {@code <?} in UTF-16, else the {@code encoding} of the XML declaration, else UTF-8.
 *
 * <p>The document is then decoded by a strict {@link DecodingReader} rather than by the XML parser, which
 * decodes most character sets leniently and would turn bytes they do not have into replacement characters.
 */
final class XmlCharset {
  /** Enough bytes for any XML declaration that is not padded with pages of spaces. */
  static final int HEAD = 1024;

  private static final Pattern DECLARATION =
      Pattern.compile("<\\?xml\\s[^>]*?encoding\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

  private XmlCharset() {}

  /**
   * The character set of a document starting with {@code head} (a UTF-8 byte order mark already removed).
   *
   * @throws MalformedRecordException if the declaration names a character set Java does not know
   */
  static Charset of(byte[] head) {
    if (head.length >= 2 && ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff
        || (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe)) {
      // The UTF-16 decoder reads the byte order mark and takes the byte order from it.
      return StandardCharsets.UTF_16;
    }
    if (head.length >= 4 && head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] == '?') {
      return StandardCharsets.UTF_16BE;
    }
    if (head.length >= 4 && head[0] == '<' && head[1] == 0 && head[2] == '?' && head[3] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    // Every other character set XML allows spells the declaration in ASCII.
    String start = new String(head, StandardCharsets.ISO_8859_1);
    Matcher m = DECLARATION.matcher(start);
    if (!start.startsWith("<?xml") || !m.lookingAt()) {
      return StandardCharsets.UTF_8;
    }
    String name = m.group(1) != null ? m.group(1) : m.group(2);
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new MalformedRecordException(ErrorCode.DATA,
          "the XML declaration names an unknown encoding '" + name + "'", false);
    }
  }
}
