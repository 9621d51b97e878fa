package io.xsql.tck;

final class JavaMapStreamConformanceTest extends SourceConformance {
  JavaMapStreamConformanceTest() {
    super(JavaFixture.mapStream());
  }
}
