package io.xsql.planner;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The equal-key pairs of a join that xsql's operators can run: an equi-join (no other condition), every
 * key compared with {@code =} (NULL never matches), both keys of a pair of the same scalar SQL type. Calcite
 * already casts keys of different types to a common one below the join, so the pairs' values have one
 * Java class and compare as SQL does. Arrays are no keys here: the operators neither order nor normalize
 * their elements, and no source is asked to look rows up by an array; Calcite's hash join runs them.
 *
 * @param left left input field of each pair
 * @param right right input field of each pair
 */
record JoinKeyPairs(List<Integer> left, List<Integer> right) {
  JoinKeyPairs {
    left = List.copyOf(left);
    right = List.copyOf(right);
  }

  static Optional<JoinKeyPairs> of(Join join) {
    JoinInfo info = join.analyzeCondition();
    if (!info.isEqui() || info.leftKeys.isEmpty() || info.nullExclusionFlags.contains(false)) {
      return Optional.empty();
    }
    for (int i = 0; i < info.leftKeys.size(); i++) {
      RelDataType l = join.getLeft().getRowType().getFieldList().get(info.leftKeys.get(i)).getType();
      RelDataType r = join.getRight().getRowType().getFieldList().get(info.rightKeys.get(i)).getType();
      if (!sameScalarType(l, r)) {
        return Optional.empty();
      }
    }
    return Optional.of(new JoinKeyPairs(info.leftKeys, info.rightKeys));
  }

  static boolean sameScalarType(RelDataType l, RelDataType r) {
    if (l.getSqlTypeName() != r.getSqlTypeName() || l.getComponentType() != null) {
      return false;
    }
    // CHAR values carry their padding; only equal lengths pad alike.
    return l.getSqlTypeName() != SqlTypeName.CHAR || l.getPrecision() == r.getPrecision();
  }

  /** The pairs with left and right exchanged. */
  JoinKeyPairs swapped() {
    return new JoinKeyPairs(right, left);
  }

  int[] leftArray() {
    return left.stream().mapToInt(Integer::intValue).toArray();
  }

  int[] rightArray() {
    return right.stream().mapToInt(Integer::intValue).toArray();
  }
}
