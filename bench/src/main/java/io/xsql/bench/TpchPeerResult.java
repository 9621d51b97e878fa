package io.xsql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain Calcite federating the same sources ({@link TpchCalciteModel}), as one {@link TpchBench} JVM of its
 * own measured it.
 *
 * @param first its first run, if it completed
 * @param runs its timed runs after it
 * @param check what comparing its results with PostgreSQL's showed
 * @param note why it did not run, timed out, or what differed; else empty
 */
record TpchPeerResult(Optional<Measurement> first, List<Measurement> runs, TpchQueryResult.Check check,
    String note) implements Runs {
  /** The kinds of lines a child prints for the peer, after {@link TpchBench#PREFIX}; runs are Measurements. */
  static final String FAILED = "peer-failed";
  static final String CHECK = "peer-check";

  static final TpchPeerResult NOT_RUN = new TpchPeerResult(Optional.empty(), List.of(),
      TpchQueryResult.Check.NOT_RUN, "");

  TpchPeerResult {
    runs = List.copyOf(runs);
  }

  /** Reads what the peer's JVM printed. */
  static TpchPeerResult of(ChildJvm.Output c) {
    List<String> notes = new ArrayList<>();
    TpchQueryResult.Check check = TpchQueryResult.Check.NOT_RUN;
    for (String line : c.lines()) {
      if (!line.startsWith(TpchBench.PREFIX)) {
        continue;
      }
      String[] kindAndText = line.substring(TpchBench.PREFIX.length()).split(" ", 2);
      String text = kindAndText.length > 1 ? kindAndText[1] : "";
      if (kindAndText[0].equals(FAILED)) {
        notes.add(text);
      } else if (kindAndText[0].equals(CHECK)) {
        check = TpchQueryResult.Check.of(text);
        if (check != TpchQueryResult.Check.RIGHT) {
          notes.add(text);
        }
      }
    }
    if (notes.isEmpty() && !c.problem().isEmpty()) {
      // No failure of its own: the JVM crashed or ran past the harness's limit.
      notes.add("JVM " + c.problem());
    }
    List<Measurement> measured = c.runs();
    return new TpchPeerResult(measured.stream().findFirst(),
        measured.size() > 1 ? measured.subList(1, measured.size()) : List.of(), check, String.join("; ", notes));
  }

  /** The same result with another note after its own (none if {@code more} is empty). */
  TpchPeerResult withNote(String more) {
    return more.isEmpty() ? this : new TpchPeerResult(first, runs, check, note.isEmpty() ? more : note + "; " + more);
  }

  /** The median of the timed runs; NaN when the peer returned no result or a wrong one. */
  @Override
  public double medianMillis() {
    return check == TpchQueryResult.Check.RIGHT || check == TpchQueryResult.Check.UNCHECKED
        ? Runs.super.medianMillis() : Double.NaN;
  }

  /** Whether its first run timed out. */
  boolean timedOut() {
    return note.contains("timed out");
  }
}
