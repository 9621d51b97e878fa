package io.xsql.tck;

final class JavaMapsConformanceTest extends SourceConformance {
  JavaMapsConformanceTest() {
    super(JavaFixture.maps());
  }
}
