package io.xsql.tck;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a table as a JSON Lines file: one object per row, numbers as JSON numbers, dates as ISO text. */
final class TpchJsonlSink implements TpchSink {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final List<TpchColumnDef> columns;
  private final JsonGenerator out;

  TpchJsonlSink(Path file, TpchTableDef table) throws IOException {
    this.columns = table.columns();
    this.out = JSON.createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    // Each object ends its own line below; Jackson's default separator would add a space.
    out.setRootValueSeparator(new SerializedString(""));
  }

  @Override
  public void accept(Object[] row) throws IOException {
    out.writeStartObject();
    for (int i = 0; i < row.length; i++) {
      out.writeFieldName(columns.get(i).name());
      Object v = row[i];
      if (v instanceof Integer n) {
        out.writeNumber(n);
      } else if (v instanceof BigDecimal d) {
        out.writeNumber(d);
      } else {
        out.writeString(v.toString());
      }
    }
    out.writeEndObject();
    out.writeRaw('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
