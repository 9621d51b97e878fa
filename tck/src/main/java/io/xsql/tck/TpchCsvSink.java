package io.xsql.tck;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a table as a CSV file with a header line. */
final class TpchCsvSink implements TpchSink {
  private final Writer out;
  private final StringBuilder line = new StringBuilder(256);

  TpchCsvSink(Path file, TpchTableDef table) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write(TpchCsv.header(table));
  }

  @Override
  public void accept(Object[] row) throws IOException {
    line.setLength(0);
    TpchCsv.append(line, row);
    out.append(line);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
