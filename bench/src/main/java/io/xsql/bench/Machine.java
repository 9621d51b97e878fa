package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine the benchmark ran on, as reports must name it.
 *
 * @param cpu the CPU model
 * @param cores logical cores available to the JVM
 * @param memoryGib physical memory
 * @param os operating system and kernel
 * @param java the Java runtime
 */
record Machine(String cpu, int cores, double memoryGib, String os, String java) {

  static Machine describe() {
    return new Machine(procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        procLine("/proc/meminfo", "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1048576.0)
            .orElse(Double.NaN),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  /**
   * The 1-, 5- and 15-minute load averages now ({@code /proc/loadavg}), if the system gives them: processes
   * outside the benchmark that share the cores show here.
   */
  static Optional<String> loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields.length >= 3 ? Optional.of(String.join(" ", fields[0], fields[1], fields[2])) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> procLine(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream().filter(l -> l.startsWith(key)).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB RAM, %s, %s", cpu, cores, memoryGib, os, java);
  }
}
