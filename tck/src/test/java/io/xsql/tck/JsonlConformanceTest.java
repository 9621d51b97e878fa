package io.xsql.tck;

final class JsonlConformanceTest extends SourceConformance {
  JsonlConformanceTest() {
    super(FileFixture.jsonl());
  }
}
