package io.xsql.tck;

final class CsvConformanceTest extends SourceConformance {
  CsvConformanceTest() {
    super(FileFixture.csv());
  }
}
