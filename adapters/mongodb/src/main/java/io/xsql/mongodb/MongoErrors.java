package io.xsql.mongodb;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;

/** Turns the driver's exceptions into {@link SourceException}s naming the source and its password-free address. */
final class MongoErrors {
  private MongoErrors() {}

  /**
   * @param config the source
   * @param doing what failed, such as "listing collections" or "reading collection 'orders'"
   */
  static SourceException translate(MongoConfig config, String doing, MongoException e) {
    String where = "source '" + config.source() + "' (" + config.address() + "/" + config.database() + ")";
    if (e instanceof MongoTimeoutException || e instanceof MongoSocketOpenException) {
      return new SourceException(ErrorCode.CONNECT, where + ": cannot reach the server while " + doing, e);
    }
    if (e instanceof MongoSecurityException || e.getCode() == 13 || e.getCode() == 18) {
      return new SourceException(ErrorCode.AUTH, where + ": the server refused the credentials while " + doing, e);
    }
    if (e instanceof MongoSocketException) {
      return new SourceException(ErrorCode.CONNECTION_LOST, where + ": connection lost while " + doing, e);
    }
    if (e instanceof MongoExecutionTimeoutException) {
      return new SourceException(ErrorCode.TIMEOUT, where + ": the server timed out while " + doing, e);
    }
    return new SourceException(ErrorCode.INTERNAL, where + ": MongoDB error " + e.getCode() + " while " + doing,
        e);
  }
}
