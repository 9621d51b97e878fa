package io.xsql.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine the Trino benchmark ran on, as its report names it. The bench module has its own (Java 17,
 * not on this module's class path); this one adds the heap, since every node of the cluster shares it.
 *
 * @param cpu the CPU model ({@code /proc/cpuinfo})
 * @param cores logical cores available to the JVM
 * @param memoryGib physical memory ({@code /proc/meminfo})
 * @param java the Java runtime
 * @param maxHeapMib the JVM's maximum heap
 */
record XsqlTrinoBenchMachine(String cpu, int cores, double memoryGib, String java, long maxHeapMib) {

  static XsqlTrinoBenchMachine describe() {
    return new XsqlTrinoBenchMachine(procValue("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        procValue("/proc/meminfo", "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1048576.0)
            .orElse(Double.NaN),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  /**
   * The 1-, 5- and 15-minute load averages now ({@code /proc/loadavg}): other processes sharing the cores
   * show here.
   */
  static String loadAverages() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields.length >= 3 ? String.join(" ", fields[0], fields[1], fields[2]) : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Optional<String> procValue(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key)).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB RAM, %s, heap %d MiB", cpu, cores, memoryGib, java,
        maxHeapMib);
  }
}
