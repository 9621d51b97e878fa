package io.xsql.stream;

/** Reads a RabbitMQ queue: one connection and channel per scan ({@link RabbitReader}). */
final class RabbitBroker implements StreamBroker {
  private final RabbitConfig config;

  RabbitBroker(RabbitConfig config) {
    this.config = config;
  }

  @Override
  public StreamReader open(boolean unbounded) {
    return RabbitReader.open(config, unbounded, where());
  }

  @Override
  public String where() {
    return "source '" + config.messages().source() + "' (RabbitMQ queue " + config.queue() + ")";
  }

  @Override
  public String describe() {
    return "amqp://" + config.address() + " queue " + config.queue() + " prefetch " + config.prefetch();
  }
}
