package io.xsql.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.xsql.spi.TextValues;
import io.xsql.spi.TypeKind;
import java.io.IOException;

/** The type a JSON value suggests, for sampling. */
final class JsonValues {
  private JsonValues() {}

  /** The kind the parser's current value suggests; null for JSON null. */
  static TypeKind kindOf(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NULL -> null;
      case VALUE_TRUE, VALUE_FALSE -> TypeKind.BOOLEAN;
      case VALUE_NUMBER_INT -> TextValues.integerKind(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> TypeKind.DOUBLE;
      case VALUE_STRING -> TextValues.kindOfString(p.getText());
      default -> {
        p.skipChildren();
        yield TypeKind.VARCHAR;
      }
    };
  }
}
