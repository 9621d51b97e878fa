package io.xsql.file;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Samples JSON records (JSON Lines and JSON documents alike) for their key paths and value kinds. */
final class JsonSampler {
  private JsonSampler() {}

  /**
   * Samples the object in {@code b[start, start + length)}, flattening nested objects up to a depth.
   *
   * @return false if it is not a valid JSON object (the scan reports it)
   */
  static boolean record(byte[] b, int start, int length, int depth, Sample sample) throws IOException {
    try (JsonParser p = JsonlReader.FACTORY.createParser(b, start, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      Sample record = new Sample();
      fields(p, new ArrayList<>(), depth, record);
      if (p.nextToken() != null) {
        return false;
      }
      sample.add(record);
      return true;
    } catch (JsonParseException e) {
      return false;
    }
  }

  private static void fields(JsonParser p, List<String> path, int depth, Sample sample) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      path.add(p.currentName());
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT && depth > 0) {
        sample.object(path);
        fields(p, path, depth - 1, sample);
      } else {
        String text = t != null && t.isScalarValue() ? p.getText() : null;
        sample.value(path, JsonValues.kindOf(p, t), text);
      }
      path.remove(path.size() - 1);
    }
  }
}
