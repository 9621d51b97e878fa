package io.xsql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The suites' sections of the report: each suite replaces its own, a main run keeps them all. */
final class ReportSectionTest {
  private static final String MAIN = "# Benchmarks\n\n## Targets\n\nmain figures\n";

  private static String section(ReportSection s, String text) {
    return s.begin() + "\n" + text + "\n" + s.end();
  }

  @Test
  void aSectionReplacesItselfAndSurvivesAMainRun() {
    ReportSection tpch = ReportSection.TPCH;
    String withOld = tpch.splice(MAIN, section(tpch, "old"));
    assertThat(withOld).startsWith(MAIN).contains("old");

    // The suite alone: the main part stays, the section is replaced.
    String replaced = tpch.splice(withOld, section(tpch, "new"));
    assertThat(replaced).startsWith(MAIN).contains("new").doesNotContain("old");
    // The main suite alone: its new text, the old section kept.
    String kept = ReportSection.keep(withOld, "# Benchmarks\n\nnewer main\n");
    assertThat(kept).contains("newer main").contains("old").doesNotContain("main figures");
    assertThat(ReportSection.keep("", MAIN)).isEqualTo(MAIN);
    // Again and again: the same text, no blank lines piling up.
    assertThat(tpch.splice(replaced, section(tpch, "new") + "\n")).isEqualTo(replaced);
    assertThat(ReportSection.keep(kept, "# Benchmarks\n\nnewer main\n")).isEqualTo(kept);
  }

  @Test
  void eachSuiteReplacesOnlyItsOwnSection() {
    String both = ReportSection.MONGO.splice(ReportSection.TPCH.splice(MAIN, section(ReportSection.TPCH, "tpch 1")),
        section(ReportSection.MONGO, "mongo 1"));
    String mongo = ReportSection.MONGO.splice(both, section(ReportSection.MONGO, "mongo 2"));
    assertThat(mongo).startsWith(MAIN).contains("tpch 1").contains("mongo 2").doesNotContain("mongo 1");
    String tpch = ReportSection.TPCH.splice(mongo, section(ReportSection.TPCH, "tpch 2"));
    assertThat(tpch).contains("tpch 2").contains("mongo 2").doesNotContain("tpch 1");
    assertThat(tpch.indexOf("tpch 2")).isLessThan(tpch.indexOf("mongo 2"));

    String main = ReportSection.keep(tpch, "# Benchmarks\n\nnewer main\n");
    assertThat(main).startsWith("# Benchmarks\n\nnewer main\n").contains("tpch 2").contains("mongo 2");
    assertThat(ReportSection.MONGO.of(main)).contains(section(ReportSection.MONGO, "mongo 2"));
  }
}
