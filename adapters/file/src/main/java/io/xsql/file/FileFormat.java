package io.xsql.file;

/** The file formats this adapter reads, by catalog {@code type}. */
enum FileFormat {
  CSV(new CsvFormat()),
  TSV(new CsvFormat()),
  JSONL(new JsonlFormat()),
  JSON(new JsonFormat()),
  XML(new XmlFormat());

  private final RecordFormat reader;

  FileFormat(RecordFormat reader) {
    this.reader = reader;
  }

  /** How files of this format are sampled and read. */
  RecordFormat reader() {
    return reader;
  }
}
