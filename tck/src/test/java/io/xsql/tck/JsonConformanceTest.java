package io.xsql.tck;

final class JsonConformanceTest extends SourceConformance {
  JsonConformanceTest() {
    super(FileFixture.json());
  }
}
