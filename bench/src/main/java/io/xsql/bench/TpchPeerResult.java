package io.xsql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain Calcite federating the same sources ({@link TpchCalciteModel}), as one {@link TpchBench} JVM of its
 * own measured it.
 *
 * @param firstMillis its first run, if it completed
 * @param millis its timed runs after it
 * @param check what comparing its results with PostgreSQL's showed
 * @param note why it did not run, timed out, or what differed; else empty
 */
record TpchPeerResult(Optional<Double> firstMillis, List<Double> millis, TpchQueryResult.Check check,
    String note) {
  /** The kinds of lines a child prints for the peer, after {@link TpchBench#PREFIX}. */
  static final String FIRST = "peer-first";
  static final String TIMED = "peer";
  static final String FAILED = "peer-failed";
  static final String CHECK = "peer-check";

  static final TpchPeerResult NOT_RUN = new TpchPeerResult(Optional.empty(), List.of(),
      TpchQueryResult.Check.NOT_RUN, "");

  TpchPeerResult {
    millis = List.copyOf(millis);
  }

  /** Reads what the peer's JVM printed. */
  static TpchPeerResult of(ChildJvm.Output c) {
    Optional<Double> first = Optional.empty();
    List<Double> timed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    TpchQueryResult.Check check = TpchQueryResult.Check.NOT_RUN;
    for (String line : c.lines()) {
      if (!line.startsWith(TpchBench.PREFIX)) {
        continue;
      }
      String[] kindAndText = line.substring(TpchBench.PREFIX.length()).split(" ", 2);
      String text = kindAndText.length > 1 ? kindAndText[1] : "";
      switch (kindAndText[0]) {
        case FIRST -> first = Optional.of(Double.valueOf(text));
        case TIMED -> timed.add(Double.valueOf(text));
        case FAILED -> notes.add(text);
        case CHECK -> {
          check = TpchQueryResult.Check.of(text);
          if (check != TpchQueryResult.Check.RIGHT) {
            notes.add(text);
          }
        }
        default -> { }
      }
    }
    // It prints no Measurement, which the JVM's runner counts as a failure: only a JVM that said nothing failed.
    if (notes.isEmpty() && check == TpchQueryResult.Check.NOT_RUN && !c.problem().isEmpty()) {
      notes.add("JVM " + c.problem());
    }
    return new TpchPeerResult(first, timed, check, String.join("; ", notes));
  }

  /** The same result with another note after its own (none if {@code more} is empty). */
  TpchPeerResult withNote(String more) {
    return more.isEmpty() ? this : new TpchPeerResult(firstMillis, millis, check,
        note.isEmpty() ? more : note + "; " + more);
  }

  /** The median of the timed runs; NaN when the peer returned no result or a wrong one. */
  double medianMillis() {
    return check == TpchQueryResult.Check.RIGHT || check == TpchQueryResult.Check.UNCHECKED
        ? TpchQueryResult.median(millis) : Double.NaN;
  }

  /** Whether its first run timed out. */
  boolean timedOut() {
    return note.contains("timed out");
  }
}
