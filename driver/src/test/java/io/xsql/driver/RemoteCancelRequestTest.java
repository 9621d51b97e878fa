package io.xsql.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancel requests read back as they were written; anything else is not a cancel request. */
final class RemoteCancelRequestTest {

  @Test
  void aRequestReadsBackAsWritten() {
    RemoteCancelRequest request = new RemoteCancelRequest("3f2a-b&c=d %", 42);
    assertThat(RemoteCancelRequest.decode(request.encode())).contains(request);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "connection=x", "statement=1", "connection=x&statement=one",
      "connection=x&statement=1&more=2", "connection=x&statement", "connection=%zz&statement=1"})
  void anythingElseIsNoRequest(String body) {
    assertThat(RemoteCancelRequest.decode(body.getBytes(UTF_8))).isEmpty();
  }
}
