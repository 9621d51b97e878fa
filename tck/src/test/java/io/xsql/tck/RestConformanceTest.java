package io.xsql.tck;

final class RestConformanceTest extends SourceConformance {
  RestConformanceTest() {
    super(new RestFixture());
  }
}
