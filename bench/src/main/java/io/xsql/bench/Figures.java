package io.xsql.bench;

import java.util.Locale;
import java.util.stream.DoubleStream;

/**
 * How the join and MongoDB reports print figures. A figure judged against a target is rounded against xsql:
 * times, heaps and ratios to a peer up, speed-ups down; verdicts are taken on the unrounded figures.
 */
final class Figures {
  private Figures() {}

  /** The median of some figures (the mean of the middle two for an even count); NaN for none. */
  static double median(DoubleStream figures) {
    double[] v = figures.sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Milliseconds as seconds to the millisecond, as measured. */
  static String seconds(double ms) {
    return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.3f", ms / 1000);
  }

  /** MiB, rounded up to a whole one. */
  static String mib(double mb) {
    return Double.isNaN(mb) ? "n/a" : String.format(Locale.ROOT, "%.0f", Math.ceil(mb));
  }

  /** A ratio of xsql to a peer, two decimals, rounded up. */
  static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : up(r, 2);
  }

  /** Rounded up: a time, heap or ratio to a peer, where more is worse. */
  static String up(double x, int decimals) {
    double f = Math.pow(10, decimals);
    return String.format(Locale.ROOT, "%." + decimals + "f", Math.ceil(x * f) / f);
  }

  /** Rounded down to one decimal: a speed-up, where more is better. */
  static String down(double x) {
    return String.format(Locale.ROOT, "%.1f", Math.floor(x * 10) / 10);
  }
}
