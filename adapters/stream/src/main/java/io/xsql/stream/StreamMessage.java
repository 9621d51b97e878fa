package io.xsql.stream;

import static java.util.Objects.requireNonNull;

/**
 * One message as a broker delivered it.
 *
 * @param body the payload: one JSON object
 * @param order where the message lies in its stream or queue (a sequence, a delivery count), for the
 *     earliest of the problems {@code on_error} reports
 * @param position the message's place for error messages ({@code "sequence 42"})
 */
record StreamMessage(byte[] body, long order, String position) {
  StreamMessage {
    requireNonNull(body, "body is null");
    requireNonNull(position, "position is null");
  }
}
