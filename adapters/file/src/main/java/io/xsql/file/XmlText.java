package io.xsql.file;

/**
 * An element's text, gathered from its pieces (text between tags, CDATA sections) without the layout of
 * an indented document: a piece of white space holding a line break is indentation between tags and is
 * left out, and so is white space holding a line break at either end of the text. Other white space is
 * data and is kept: {@code <a> x </a>} is {@code " x "}, mixed content keeps the spaces between its words.
 *
 * <p>Reused element after element; most elements have one piece, which is kept without copying.
 */
final class XmlText {
  private String first;
  private StringBuilder more;

  /** Adds a piece of the element's text. */
  void add(String piece) {
    if (isIndentation(piece)) {
      return;
    }
    if (first == null) {
      first = piece;
    } else {
      if (more == null) {
        more = new StringBuilder(first);
      }
      more.append(piece);
    }
  }

  /** The text gathered since the last call, or null if it is empty (an empty element is NULL). */
  String take() {
    String text = more != null ? more.toString() : first;
    first = null;
    more = null;
    if (text == null) {
      return null;
    }
    String trimmed = trimLayout(text);
    return trimmed.isEmpty() ? null : trimmed;
  }

  private static boolean isIndentation(String piece) {
    return piece.indexOf('\n') >= 0 && leadingSpace(piece) == piece.length();
  }

  /** The text without white space at either end that holds a line break. */
  static String trimLayout(String text) {
    if (text.indexOf('\n') < 0) {
      return text;
    }
    int start = leadingSpace(text);
    int end = text.length();
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    boolean leading = text.lastIndexOf('\n', start - 1) >= 0;
    boolean trailing = text.indexOf('\n', end) >= 0;
    return text.substring(leading ? start : 0, trailing ? end : text.length());
  }

  /** How many characters of white space the text starts with. */
  private static int leadingSpace(String text) {
    int i = 0;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** White space as XML has it: space, tab and line ends, not every Unicode space. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
