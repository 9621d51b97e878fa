package io.xsql.tck;

final class JavaRecordsConformanceTest extends SourceConformance {
  JavaRecordsConformanceTest() {
    super(JavaFixture.records());
  }
}
