package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ShellCommandTest {

  @Test
  void shellRunsTypedStatementsUntilQuit() {
    CommandRun run = CommandRun.withInput("SELECT 40 + 2 AS answer;\n!quit\n",
        "shell", "--catalog", "../examples/demo/catalog.yaml");

    // The typed line is echoed too; only the result grid has the sum between bars.
    assertThat(run.out()).containsPattern("\\|\\s*answer\\s*\\|").containsPattern("\\|\\s*42\\s*\\|");
    assertThat(run.code()).isZero();
  }

  @Test
  void shellTakesNoSql() {
    CommandRun run = CommandRun.of("shell", "SELECT 1");

    assertThat(run.err()).startsWith("xsql: xsql shell takes no argument");
    assertThat(run.code()).isEqualTo(XsqlCommand.USAGE);
  }
}
