package io.xsql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a fresh JVM with this JVM's class path and collects what it prints. */
final class ChildJvm {
  private final long timeoutMillis;

  /** @param timeoutMillis a child running longer is stopped and reported as timed out */
  ChildJvm(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * What a child JVM produced.
   *
   * @param runs its measurements
   * @param lines everything it printed, measurements included
   * @param problem why it produced none or too few ("timed out", "failed, see LOG"), else empty
   */
  record Output(List<Measurement> runs, List<String> lines, String problem) {
    Output {
      runs = List.copyOf(runs);
      lines = List.copyOf(lines);
    }

    /** The same output, failed for a reason. */
    Output failed(String why) {
      return new Output(runs, lines, why);
    }
  }

  /**
   * Runs a main class and collects the {@link Measurement}s it prints.
   *
   * @param options JVM options
   * @param fromOutside whether a child printing one measurement is timed from outside, JVM start-up
   *     included (an engine's import excluded, it is reported as the load)
   */
  Output run(String main, List<String> args, List<String> options, boolean fromOutside)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    command.addAll(args);
    String name = args.get(0).replaceAll("[^A-Za-z0-9]", "");
    Path log = Files.createTempFile("xsql-bench-" + name, ".log");
    Path out = Files.createTempFile("xsql-bench-" + name, ".out");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
    if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      return new Output(List.of(), List.of(), "timed out after " + timeoutMillis / 1000 + " s");
    }
    double wall = (System.nanoTime() - start) / 1e6;
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<Measurement> measured = new ArrayList<>();
    for (String line : lines) {
      Measurement m = Measurement.parse(line);
      if (m != null) {
        measured.add(m);
      }
    }
    Files.delete(out);
    if (p.exitValue() != 0 || measured.isEmpty()) {
      return new Output(measured, lines, "failed, see " + log);
    }
    Files.delete(log);
    if (measured.size() == 1 && fromOutside) {
      Measurement m = measured.get(0);
      return new Output(List.of(m.withMillis(wall - m.loadMillis())), lines, "");
    }
    return new Output(measured, lines, "");
  }
}
