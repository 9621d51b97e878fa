package io.xsql.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.util.ImmutableBitSet;

/** The orders a plan proves for an operator's input, as the phases after planning read them. */
final class InputOrder {
  private InputOrder() {}

  /** The orders the metadata knows for {@code rel}'s rows. */
  static List<RelCollation> collations(RelNode rel) {
    List<RelCollation> collations = rel.getCluster().getMetadataQuery().collations(rel);
    return collations == null ? List.of() : collations;
  }

  /** The longest leading sort keys of {@code rel} that are all among {@code columns}; empty if none. */
  static List<RelFieldCollation> leadingIn(RelNode rel, ImmutableBitSet columns) {
    List<RelFieldCollation> best = List.of();
    for (RelCollation c : collations(rel)) {
      List<RelFieldCollation> prefix = new ArrayList<>();
      for (RelFieldCollation f : c.getFieldCollations()) {
        if (!columns.get(f.getFieldIndex())) {
          break;
        }
        prefix.add(f);
      }
      if (prefix.size() > best.size()) {
        best = prefix;
      }
    }
    return best;
  }
}
