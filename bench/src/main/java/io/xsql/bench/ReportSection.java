package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A section of {@code docs/benchmarks.md} that one suite writes between two markers, so that a run of that
 * suite alone replaces it and keeps the rest of the file, and a run without it keeps the section the file
 * has.
 *
 * @param begin the line the section starts with
 * @param end the line it ends with
 */
record ReportSection(String begin, String end) {
  static final ReportSection TPCH = new ReportSection(
      "<!-- TPC-H section: written by bench/run, replaced by bench/run --suites tpch -->",
      "<!-- end of the TPC-H section -->");
  static final ReportSection MONGO = new ReportSection(
      "<!-- MongoDB section: written by bench/run, replaced by bench/run --suites mongo -->",
      "<!-- end of the MongoDB section -->");

  static final ReportSection REST = new ReportSection(
      "<!-- REST section: written by bench/run, replaced by bench/run --suites rest -->",
      "<!-- end of the REST section -->");

  static final ReportSection SORTED = new ReportSection(
      "<!-- Sorted-input section: written by bench/run, replaced by bench/run --suites sorted -->",
      "<!-- end of the sorted-input section -->");

  static final ReportSection STREAM = new ReportSection(
      "<!-- Streams section: written by bench/run, replaced by bench/run --suites stream -->",
      "<!-- end of the streams section -->");

  /** The sections, in the order a report that has none of them gets them. */
  private static final List<ReportSection> ALL = List.of(TPCH, MONGO, REST, SORTED, STREAM);

  /**
   * The section's first lines: its begin marker, its heading, the date, and the machine with its load averages
   * when the suite started and when it ended (other processes may share the cores).
   */
  StringBuilder opening(String title, Machine machine, List<String> loadAverages) {
    return new StringBuilder(begin).append("\n## ").append(title).append("\n\n- Date: ").append(LocalDate.now())
        .append("\n- Machine: ").append(machine).append("; load averages (1, 5, 15 min) when the section started ")
        .append(loadAverages.get(0)).append(", when it ended ").append(loadAverages.get(1))
        .append(" (other processes on the machine share its cores)\n");
  }

  /** Puts {@code section} (markers included) into the report, replacing the one it has. */
  void write(Path markdown, String section) throws IOException {
    String document = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmarks\n";
    writeFile(markdown, splice(document, section));
  }

  /** Writes a file of the report (the section's CSV, say), making its folder first. */
  static void writeFile(Path file, String text) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, text);
  }

  /** The document with this section replaced by {@code section}, or with {@code section} appended. */
  String splice(String document, String section) {
    int b = document.indexOf(begin);
    int e = document.indexOf(end);
    if (b >= 0 && e > b) {
      return document.substring(0, b) + section.stripTrailing() + document.substring(e + end.length());
    }
    return document.stripTrailing() + "\n\n" + section.stripTrailing() + "\n";
  }

  /** This section of a document, markers included. */
  Optional<String> of(String document) {
    int b = document.indexOf(begin);
    int e = document.indexOf(end);
    return b >= 0 && e > b ? Optional.of(document.substring(b, e + end.length())) : Optional.empty();
  }

  /** A new document keeping every suite's section the old one had. */
  static String keep(String old, String document) {
    String kept = document;
    for (ReportSection s : ALL) {
      String into = kept;
      kept = s.of(old).map(section -> s.splice(into, section)).orElse(into);
    }
    return kept;
  }
}
