package io.xsql.planner;

import io.xsql.spi.LookupBatch;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;

/** Finds whether a plan's rows come from a stream, and how a lookup join enriching them batches its keys. */
final class StreamBatches {
  private StreamBatches() {}

  /**
   * The {@link LookupBatch} of the stream {@code rel} reads (through projections, filters, windows), or
   * empty when it reads no stream and so ends.
   */
  static Optional<LookupBatch> of(RelNode rel) {
    if (rel instanceof XsqlEnumerableScan scan) {
      return scan.dataTable().lookupBatch();
    }
    for (RelNode input : rel.getInputs()) {
      Optional<LookupBatch> batch = of(input);
      if (batch.isPresent()) {
        return batch;
      }
    }
    return Optional.empty();
  }
}
