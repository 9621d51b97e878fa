package io.xsql.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The TPC-H section's pieces that need no database: options, reading a child, the report. */
final class TpchReportTest {

  @Test
  void optionsChooseTheSuitesAndScaleFactors() {
    BenchSettings defaults = BenchSettings.parse();
    assertThat(defaults.runs("main")).isTrue();
    assertThat(defaults.runs("tpch")).isTrue();
    assertThat(defaults.tpch().scaleFactors()).containsExactly(0.1, 1.0);
    assertThat(defaults.tpch().queries()).hasSize(22);
    assertThat(defaults.tpch().timeoutSeconds()).isEqualTo(120);

    BenchSettings only = BenchSettings.parse("--suites", "tpch", "--tpch", "0.01", "--tpch-queries", "1-3,21");
    assertThat(only.runs("main")).isFalse();
    assertThat(only.runs("tpch")).isTrue();
    assertThat(only.tpch().queries()).containsExactly(1, 2, 3, 21);
    assertThat(BenchSettings.parse("--tpch", "none").runs("tpch")).isFalse();
    assertThat(BenchSettings.parse("--tpch", "").runs("tpch")).isFalse();

    assertThat(TpchSettings.databaseName(0.1)).isEqualTo("xsql_bench_tpch_sf0_1");
    assertThat(TpchSettings.databaseName(1)).isEqualTo("xsql_bench_tpch_sf1");
    assertThatThrownBy(() -> BenchSettings.parse("--suites", "tpc")).hasMessageContaining("unknown suite 'tpc'");
    assertThatThrownBy(() -> BenchSettings.parse("--tpch-queries", "23")).hasMessageContaining("not 23");
  }

  @Test
  void aChildsLinesBecomeAResult() {
    TpchQueryResult r = TpchQueryResult.of(1, 7, output(List.of(
        new Measurement(4, 5000, 0, 100, 200), new Measurement(4, 3000, 0, 120, 200),
        new Measurement(4, 2000, 0, 110, 200), new Measurement(4, 4000, 0, 90, 200)),
        "planning 300.5", "planning 100.0", "planning 200.0", "reference 10.0", "reference 30.0",
        "reference 20.0", "plan EnumerableSort(sort0=[$1])", "check right"), 3, 20_000);
    assertThat(r.first()).hasValueSatisfying(m -> assertThat(m.millis()).isEqualTo(5000));
    assertThat(r.medianMillis()).isEqualTo(3000);
    assertThat(r.planningMedianMillis()).isEqualTo(200);
    assertThat(r.referenceMedianMillis()).isEqualTo(20);
    assertThat(r.ratio()).isEqualTo(150);
    assertThat(r.check()).isEqualTo(TpchQueryResult.Check.RIGHT);
    assertThat(r.plan()).containsExactly("EnumerableSort(sort0=[$1])");
    assertThat(r.perExecution(400)).hasValue(100);

    TpchPeerResult peer = TpchPeerResult.of(output(List.of(new Measurement(4, 900, 0, 100, 200),
        new Measurement(4, 500, 0, 100, 200), new Measurement(4, 700, 0, 100, 200),
        new Measurement(4, 600, 0, 100, 200)), "peer-check right"));
    assertThat(peer.medianMillis()).isEqualTo(600);
    assertThat(peer.note()).isEmpty();
    assertThat(r.withPeer(peer).peerRatio()).isEqualTo(5);
    TpchPeerResult stuck = TpchPeerResult.of(output(List.of(),
        "peer-failed calcite: timed out after 120 s, and the statement had not stopped 15 s later"));
    assertThat(stuck.timedOut()).isTrue();
    assertThat(stuck.medianMillis()).isNaN();
    assertThat(r.withPeer(stuck).peerRatio()).isNaN();

    TpchQueryResult timedOut = TpchQueryResult.of(1, 5, output(List.of(), "failed xsql: timed out after 120 s",
        "planning 50.0", "reference 10.0"), 3, 20_000);
    assertThat(timedOut.xsqlTimedOut()).isTrue();
    assertThat(timedOut.check()).isEqualTo(TpchQueryResult.Check.NOT_RUN);
    assertThat(timedOut.perExecution(400)).isEmpty();
  }

  @Test
  void aWrongResultIsLoudAndTheGoalsFollowTheFigures() {
    List<TpchQueryResult> small = new ArrayList<>();
    List<TpchQueryResult> large = new ArrayList<>();
    IntStream.rangeClosed(1, 22).forEach(n -> {
      small.add(result(0.1, n, 400, 200, n == 3 ? "check WRONG first run: Q3: xsql returned 9 rows" : "check right"));
      large.add(result(1, n, 2000, 1000, "check right"));
    });
    BenchSettings settings = BenchSettings.parse("--suites", "tpch");
    List<TpchScale> scales = List.of(new TpchScale(0.1, "kept", Map.of("lineitem", 600_572L), small, ""),
        new TpchScale(1, "kept", Map.of(), large, ""));
    TpchReport report = new TpchReport(settings, Machine.describe(), "PostgreSQL 15", scales);
    String md = report.markdown();
    assertThat(md).startsWith(ReportSection.TPCH.begin()).endsWith(ReportSection.TPCH.end() + "\n")
        .contains("| Q3 | 0.400 | 0.800 | 0.050 | 0.200 | 2.00 | **WRONG** | n/a | n/a | 600,572 + 0 | 0 | 20 | 1 |")
        .contains("- Q3 **WRONG**: first run: Q3: xsql returned 9 rows")
        .contains("| 22/22 right at SF 0.1 | 21 of 22 right, **1 WRONG** | no |")
        .contains("| 22/22 right at SF 1 | 22 of 22 right | yes |")
        .contains("| at SF 0.1 every query under 5 s (xsql, timed runs' median) | slowest Q1 0.400 s | yes |")
        .contains("| at SF 1 geometric mean of xsql / PostgreSQL at most 1.5x | 2.000 over 22 of 22 queries | no |");
    assertThat(TpchReport.wrong(scales)).singleElement().asString().contains("SF 0.1 Q3: WRONG");
    assertThat(report.csv().lines()).filteredOn(l -> l.startsWith("1,Q22,")).hasSize(1 + 3 + 3 + 3);
  }

  private static TpchQueryResult result(double sf, int number, double xsqlMillis, double pgMillis, String check) {
    return TpchQueryResult.of(sf, number, output(List.of(new Measurement(1, xsqlMillis * 2, 0, 64, 100),
        new Measurement(1, xsqlMillis, 0, 64, 100), new Measurement(1, xsqlMillis, 0, 64, 100),
        new Measurement(1, xsqlMillis, 0, 64, 100)), "planning 50", "planning 50", "planning 50",
        "reference " + pgMillis, "reference " + pgMillis, "reference " + pgMillis, check), 3, 20_000)
        .withReads(Map.of("lineitem", 4L * 600_572, "orders", 0L), OptionalLong.of(0), 4L * 20, "");
  }

  private static ChildJvm.Output output(List<Measurement> runs, String... lines) {
    List<String> all = new ArrayList<>(runs.stream().map(Measurement::toLine).toList());
    for (String l : lines) {
      all.add(TpchBench.PREFIX + l);
    }
    return new ChildJvm.Output(runs, all, "");
  }
}
