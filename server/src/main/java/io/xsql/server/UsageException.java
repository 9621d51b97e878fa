package io.xsql.server;

/** The command line asks for something the command does not offer; the command exits with code 2. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
