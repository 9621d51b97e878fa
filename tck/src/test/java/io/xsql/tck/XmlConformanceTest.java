package io.xsql.tck;

final class XmlConformanceTest extends SourceConformance {
  XmlConformanceTest() {
    super(FileFixture.xml());
  }
}
