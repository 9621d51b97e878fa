package io.xsql.tck;

final class NatsConformanceTest extends SourceConformance {
  NatsConformanceTest() {
    super(new NatsFixture());
  }
}
