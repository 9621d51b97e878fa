package io.xsql.tck;

final class TsvConformanceTest extends SourceConformance {
  TsvConformanceTest() {
    super(FileFixture.tsv());
  }
}
