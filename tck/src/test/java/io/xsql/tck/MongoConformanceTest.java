package io.xsql.tck;

final class MongoConformanceTest extends SourceConformance {
  MongoConformanceTest() {
    super(new MongoFixture());
  }
}
