package io.xsql.tck;

final class PostgresConformanceTest extends SourceConformance {
  PostgresConformanceTest() {
    super(JdbcFixture.postgres());
  }
}
