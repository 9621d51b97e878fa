package io.xsql.tck;

final class MariadbConformanceTest extends SourceConformance {
  MariadbConformanceTest() {
    super(JdbcFixture.mariadb());
  }
}
