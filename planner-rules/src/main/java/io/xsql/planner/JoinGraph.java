package io.xsql.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The inputs of a tree of inner joins (its factors) and the conjuncts that link them, as the join order
 * search sees them: each factor's estimated rows and the source that could join it with others inside
 * itself, classes of fields that equi-conjuncts make equal (so that {@code a.x = b.y AND b.y = c.z} also
 * links a and c), and the distinct values of those fields.
 *
 * <p>Fields are numbered as in the join's output: the factors' fields one after the other.
 */
final class JoinGraph {
  /** The share of a table's rows a column's distinct values must reach for the column to count as its key. */
  private static final double KEY_SHARE = 0.99;

  /** One input: its relation, its first field, its field count, rows, and the source that runs it. */
  record Factor(RelNode rel, int offset, int fieldCount, double rows, Optional<Convention> source) {
    boolean holds(int field) {
      return field >= offset && field < offset + fieldCount;
    }
  }

  private final List<Factor> factors;
  private final List<RexNode> conjuncts;
  private final List<BitSet> conjunctFactors = new ArrayList<>();
  /** For each field, the representative of its class (union-find). */
  private final int[] classOf;
  private final double[] distinct;

  JoinGraph(List<RelNode> inputs, RexNode condition, RelMetadataQuery mq) {
    List<Factor> list = new ArrayList<>();
    int offset = 0;
    for (RelNode input : inputs) {
      int count = input.getRowType().getFieldCount();
      list.add(new Factor(input, offset, count, Math.max(1, rows(mq, input)), source(input)));
      offset += count;
    }
    this.factors = List.copyOf(list);
    this.conjuncts = RelOptUtil.conjunctions(condition);
    this.classOf = new int[offset];
    for (int i = 0; i < offset; i++) {
      classOf[i] = i;
    }
    for (RexNode c : conjuncts) {
      conjunctFactors.add(factorsOf(RelOptUtil.InputFinder.bits(c)));
      equality(c).ifPresent(pair -> union(pair[0], pair[1]));
    }
    this.distinct = new double[offset];
    double[] domain = new double[offset];
    Arrays.fill(domain, Double.POSITIVE_INFINITY);
    double[] keyDomain = domain.clone();
    BitSet unknown = new BitSet();
    for (Factor f : factors) {
      boolean whole = unfiltered(f.rel());
      for (int i = 0; i < f.fieldCount(); i++) {
        int field = f.offset() + i;
        Double d = mq.getDistinctRowCount(f.rel(), ImmutableBitSet.of(i), null);
        if (d == null || d <= 0) {
          unknown.set(field);
          distinct[field] = f.rows();
        } else {
          distinct[field] = Math.min(d, f.rows());
        }
        boolean unique = Boolean.TRUE.equals(mq.areColumnsUnique(f.rel(), ImmutableBitSet.of(i)));
        if (unique) {
          domain[find(field)] = Math.min(domain[find(field)], XsqlMdRowCount.tableRows(mq, f.rel()));
        }
        if (whole && (unique || d != null && d >= KEY_SHARE * f.rows())) {
          keyDomain[find(field)] = Math.min(keyDomain[find(field)], f.rows());
        }
      }
    }
    // A field equal to a whole table's key (declared, or a value per row by the table's estimate) holds at
    // most that table's values, whatever its own estimate says: sampled from the first rows of TPC-H's
    // partsupp, which hold each supplier key once, ps_suppkey looked like 800,000 values instead of 10,000,
    // and Q9 joined partsupp to lineitem as if that kept a few thousand rows of six million.
    for (int f = 0; f < offset; f++) {
      distinct[f] = Math.min(distinct[f], keyDomain[find(f)]);
    }
    // A field equal to a key holds at most that key's table's values (a foreign key). Counted as a key
    // itself instead, TPC-H Q5's customer and supplier nation keys, equal to nation's 25 keys, made the
    // many-to-many join of customer and supplier look the smallest (12 million rows at SF 1).
    for (int f = unknown.nextSetBit(0); f >= 0; f = unknown.nextSetBit(f + 1)) {
      distinct[f] = Math.min(distinct[f], domain[find(f)]);
    }
  }

  /** Whether a relation reads a table whole: a scan with no filter, under projections only. */
  private static boolean unfiltered(RelNode rel) {
    RelNode r = rel.stripped();
    while (r instanceof Project project) {
      r = project.getInput().stripped();
    }
    return r instanceof XsqlTableScan scan ? scan.filters.isEmpty() && scan.limit.isEmpty()
        && scan.groups.isEmpty() : r instanceof TableScan;
  }

  private static double rows(RelMetadataQuery mq, RelNode rel) {
    Double rows = mq.getRowCount(rel);
    return rows == null ? 1e6 : rows;
  }

  /**
   * The source-specific convention all table scans of a relation share (a database's, whose joins run in
   * the database), if there is one.
   */
  static Optional<Convention> source(RelNode rel) {
    List<Convention> found = new ArrayList<>();
    collectScans(rel.stripped(), found);
    if (found.isEmpty() || found.stream().distinct().count() != 1) {
      return Optional.empty();
    }
    Convention c = found.get(0);
    return c == Convention.NONE || c.getName().equals("ENUMERABLE") ? Optional.empty() : Optional.of(c);
  }

  private static void collectScans(RelNode rel, List<Convention> found) {
    if (rel instanceof TableScan scan) {
      found.add(scan.getConvention() == null ? Convention.NONE : scan.getConvention());
    }
    for (RelNode input : rel.getInputs()) {
      collectScans(input.stripped(), found);
    }
  }

  private static Optional<int[]> equality(RexNode c) {
    if (c.getKind() == SqlKind.EQUALS && c instanceof RexCall call
        && call.getOperands().get(0) instanceof RexInputRef a && call.getOperands().get(1) instanceof RexInputRef b
        && a.getType().getSqlTypeName() == b.getType().getSqlTypeName()) {
      return Optional.of(new int[] {a.getIndex(), b.getIndex()});
    }
    return Optional.empty();
  }

  private int find(int field) {
    while (classOf[field] != field) {
      classOf[field] = classOf[classOf[field]];
      field = classOf[field];
    }
    return field;
  }

  private void union(int a, int b) {
    classOf[find(a)] = find(b);
  }

  List<Factor> factors() {
    return factors;
  }

  List<RexNode> conjuncts() {
    return conjuncts;
  }

  /** The factors a conjunct reads. */
  BitSet factorsOf(int conjunct) {
    return conjunctFactors.get(conjunct);
  }

  private BitSet factorsOf(ImmutableBitSet fields) {
    BitSet out = new BitSet();
    for (int field : fields) {
      out.set(factorOf(field));
    }
    return out;
  }

  int factorOf(int field) {
    for (int i = 0; i < factors.size(); i++) {
      if (factors.get(i).holds(field)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no factor holds field " + field);
  }

  /**
   * Pairs of fields, one of each side, that the equality classes make equal: one pair per class that has
   * fields on both sides.
   */
  List<int[]> links(BitSet left, BitSet right) {
    List<int[]> out = new ArrayList<>();
    BitSet seen = new BitSet();
    for (int a = 0; a < classOf.length; a++) {
      int cls = find(a);
      if (seen.get(cls) || !left.get(factorOf(a))) {
        continue;
      }
      for (int b = 0; b < classOf.length; b++) {
        if (find(b) == cls && right.get(factorOf(b))) {
          out.add(new int[] {a, b});
          seen.set(cls);
          break;
        }
      }
    }
    return out;
  }

  /** The distinct values of a field among a side's estimated rows. */
  double distinct(int field, double rows) {
    return Math.max(1, Math.min(distinct[field], rows));
  }
}
