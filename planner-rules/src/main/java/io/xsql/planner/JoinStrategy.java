package io.xsql.planner;

import java.util.Locale;
import java.util.Optional;

/**
 * How a join runs. The planner picks one from what the sources declare and their row estimates; a hint
 * ({@code /}{@code *+ LOOKUP_JOIN(t) *}{@code /}) forces one for the join whose side is table {@code t}.
 */
public enum JoinStrategy {
  /** Stream the outer side and fetch the inner side's rows by batches of keys. */
  LOOKUP,
  /** Both sides ordered on the keys, read in step; memory bounded by the longest run of equal keys. */
  MERGE,
  /** A lookup join whose inner side is a file read through a key-to-offset index. */
  MMAP,
  /** Build a hash table on the smaller side, stream the other (Calcite's hash join). */
  HASH;

  /** The hint that forces this strategy. */
  public String hint() {
    return name() + "_JOIN";
  }

  /** The strategy a hint name forces, if it is one of the join hints. */
  static Optional<JoinStrategy> ofHint(String hint) {
    String upper = hint.toUpperCase(Locale.ROOT);
    for (JoinStrategy s : values()) {
      if (s.hint().equals(upper)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
