package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class XsqlCommandTest {
  /** A NULL, a value with a comma and quotes, numbers from both files. */
  private static final String JOIN =
      "SELECT p.id, p.name, p.city, s.score FROM people p JOIN scores s ON s.id = p.id ORDER BY p.id";

  @TempDir
  Path dir;
  private String catalog;

  @BeforeEach
  void writeCatalog() throws IOException {
    Files.writeString(dir.resolve("people.csv"), "id,name,city\n1,\"Smith, \"\"Jo\"\"\",Oslo\n2,Bob,\n");
    Files.writeString(dir.resolve("scores.jsonl"), """
        {"id": 1, "score": 9.5}
        {"id": 2, "score": null}
        """);
    Files.writeString(dir.resolve("catalog.yaml"), """
        sources:
          people: { type: csv, path: people.csv }
          scores: { type: jsonl, path: scores.jsonl }
        """);
    catalog = dir.resolve("catalog.yaml").toString();
  }

  @Test
  void queryPrintsAnAlignedTableWithNullsAndARowCount() {
    CommandRun run = CommandRun.of("query", "--catalog", catalog, JOIN);

    assertThat(run.out()).isEqualTo("""
         id | name        | city | score
        ----+-------------+------+-------
          1 | Smith, "Jo" | Oslo |   9.5
          2 | Bob         | NULL |  NULL
        (2 rows)
        """);
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
  }

  @Test
  void queryPrintsCsvQuotingWhatNeedsItAndNullAsEmpty() {
    CommandRun run = CommandRun.of("query", "--catalog=" + catalog, "--format", "csv", JOIN);

    assertThat(run.out()).isEqualTo(
        "id,name,city,score\r\n1,\"Smith, \"\"Jo\"\"\",Oslo,9.5\r\n2,Bob,,\r\n");
    assertThat(run.code()).isZero();
  }

  @Test
  void queryPrintsJsonWithTypedValuesAndNull() {
    CommandRun run = CommandRun.of("query", "--format", "JSON", "--catalog", catalog, JOIN);

    assertThat(run.out()).isEqualTo("""
        [
          {"id": 1, "name": "Smith, \\"Jo\\"", "city": "Oslo", "score": 9.5},
          {"id": 2, "name": "Bob", "city": null, "score": null}
        ]
        """);
    assertThat(run.code()).isZero();
  }

  @Test
  void jsonGivesRepeatedLabelsDistinctKeysAndAnEmptyResultIsAnEmptyArray() {
    CommandRun join = CommandRun.of("query", "--catalog", catalog, "--format", "json",
        "SELECT p.id, s.id FROM people p JOIN scores s ON s.id = p.id WHERE p.id = 1");
    CommandRun empty = CommandRun.of("query", "--catalog", catalog, "--format", "json",
        "SELECT * FROM people WHERE id > 5");

    assertThat(join.out()).isEqualTo("[\n  {\"id\": 1, \"id_2\": 1}\n]\n");
    assertThat(empty.out()).isEqualTo("[]\n");
  }

  @Test
  void sourceWarningsGoToStderrAfterTheRows() throws IOException {
    Files.writeString(dir.resolve("ragged.csv"), "id,name\n1,Ann\n2\n3,Cy\n");
    Files.writeString(dir.resolve("ragged.yaml"),
        "sources:\n  ragged: { type: csv, path: ragged.csv, on_error: skip }\n");

    CommandRun run = CommandRun.of("query", "--catalog", dir.resolve("ragged.yaml").toString(),
        "--format", "csv", "SELECT id FROM ragged");

    assertThat(run.out()).isEqualTo("id\r\n1\r\n3\r\n");
    assertThat(run.err()).startsWith("WARNING 01000: ").contains("malformed");
    assertThat(run.code()).isZero();
  }

  @Test
  void explainPrintsThePlanWithXsqlScans() {
    CommandRun run = CommandRun.of("explain", "--catalog", catalog, JOIN);

    assertThat(run.out()).contains("XsqlEnumerableScan(table=[[main, people]]")
        .contains("XsqlEnumerableScan(table=[[main, scores]]");
    assertThat(run.code()).isZero();
  }

  @Test
  void unknownTableFailsWithItsSqlState() {
    CommandRun run = CommandRun.of("query", "--catalog", catalog, "SELECT * FROM nosuch");

    assertThat(run.err()).startsWith("ERROR 42S02: ").contains("nosuch");
    assertThat(run.out()).isEmpty();
    assertThat(run.code()).isEqualTo(XsqlCommand.FAILED);
  }

  @Test
  void missingCatalogFailsNamingTheFile() {
    CommandRun run = CommandRun.of("query", "--catalog", dir.resolve("none.yaml").toString(), "SELECT 1");

    assertThat(run.err()).startsWith("ERROR ").contains("none.yaml");
    assertThat(run.code()).isEqualTo(XsqlCommand.FAILED);
  }

  @Test
  void catalogPathsWithUrlSyntaxInThemStillConnect() throws IOException {
    Path odd = Files.createDirectories(dir.resolve("a;b='c'"));
    Files.copy(dir.resolve("people.csv"), odd.resolve("people.csv"));
    Files.writeString(odd.resolve("catalog.yaml"), "sources:\n  people: { type: csv, path: people.csv }\n");

    CommandRun run = CommandRun.of("query", "--catalog", odd.resolve("catalog.yaml").toString(),
        "--format", "csv", "SELECT name FROM people WHERE id = 2");

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("name\r\nBob\r\n");
  }

  @Test
  void queryWithoutCatalogSeesOnlyLiterals() {
    CommandRun run = CommandRun.of("query", "--format", "csv", "SELECT 1 + 1 AS two");

    assertThat(run.out()).isEqualTo("two\r\n2\r\n");
  }

  @Test
  void unknownCommandPrintsUsageToStderrWithCode2() {
    CommandRun run = CommandRun.of("frobnicate");

    assertThat(run.err()).startsWith("xsql: unknown command 'frobnicate'").contains("Usage: xsql");
    assertThat(run.out()).isEmpty();
    assertThat(run.code()).isEqualTo(XsqlCommand.USAGE);
  }

  @Test
  void badCommandLinesAreUsageErrors() {
    assertThat(CommandRun.of("query", "--catalog", catalog).err()).startsWith("xsql: xsql query needs one SQL query");
    assertThat(CommandRun.of("query", "--catalog").err()).startsWith("xsql: option --catalog needs a value");
    assertThat(CommandRun.of("query", "--format", "xml", "SELECT 1").err())
        .startsWith("xsql: unknown format 'xml'; expected one of table|csv|json");
    assertThat(CommandRun.of("explain", "--format", "csv", "SELECT 1").err())
        .startsWith("xsql: xsql explain does not take --format");
    assertThat(CommandRun.of("query", "SELECT", "1").err()).startsWith("xsql: xsql query takes one SQL query");
    assertThat(CommandRun.of("query", "-x", "SELECT 1").err()).startsWith("xsql: unknown option -x");
    assertThat(CommandRun.of("--catalog", catalog).err()).startsWith("xsql: no command given");
    assertThat(CommandRun.of("query", "SELECT", "1").code()).isEqualTo(XsqlCommand.USAGE);
  }

  @Test
  void helpNoArgumentsAndHelpOptionPrintUsageToStdout() {
    for (String[] args : new String[][] {{}, {"help"}, {"--help"}, {"query", "-h"}}) {
      CommandRun run = CommandRun.of(args);

      assertThat(run.out()).startsWith("Usage: xsql COMMAND").contains("query [--catalog FILE]")
          .contains("explain").contains("shell").contains("demo");
      assertThat(run.code()).isZero();
    }
  }
}
