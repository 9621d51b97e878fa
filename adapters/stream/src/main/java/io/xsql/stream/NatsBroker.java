package io.xsql.stream;

/** Reads a JetStream stream: one connection and one consumer per scan ({@link NatsReader}). */
final class NatsBroker implements StreamBroker {
  private final NatsConfig config;

  NatsBroker(NatsConfig config) {
    this.config = config;
  }

  @Override
  public StreamReader open(boolean unbounded) {
    return NatsReader.open(config, unbounded, where());
  }

  @Override
  public String where() {
    return "source '" + config.messages().source() + "' (NATS stream " + config.stream() + ")";
  }

  @Override
  public String describe() {
    return config.address() + " stream " + config.stream() + config.subject().map(s -> " subject " + s).orElse("")
        + " start " + config.start() + config.durable().map(d -> " durable " + d).orElse("");
  }
}
