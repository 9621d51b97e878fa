package io.xsql.mongodb;

import io.xsql.spi.ScanContext;
import java.util.Optional;
import org.bson.RawBsonDocument;

/** Turns the documents a scan's queries return into its rows. */
interface MongoDecoder {

  /** The row of a document, or empty when the document gives none. */
  Optional<Object[]> decode(RawBsonDocument document);

  /** A row to return after the last document, when {@code rows} rows came before; none by default. */
  default Optional<Object[]> last(long rows) {
    return Optional.empty();
  }

  /** Reports, once, what the scan set aside or met, as warnings of the query. */
  void report(ScanContext context);
}
