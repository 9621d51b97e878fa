package io.xsql.examples.federated;

/** The shop cannot be set up: a server is down or refuses; the message says which and what to do. */
public final class ShopException extends Exception {
  private static final long serialVersionUID = 1L;

  ShopException(String message, Throwable cause) {
    super(message, cause);
  }
}
