package io.xsql.tck;

final class CsvGzipConformanceTest extends SourceConformance {
  CsvGzipConformanceTest() {
    super(FileFixture.csvGzip());
  }
}
