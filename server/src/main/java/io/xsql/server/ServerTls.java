package io.xsql.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The server's TLS key.
 *
 * @param keystore the keystore file holding the server's key and certificate
 * @param password the keystore's password (never logged: {@link #toString()} leaves it out)
 * @param type the keystore type: PKCS12 (keytool's default) or JKS
 */
record ServerTls(Path keystore, String password, String type) {
  ServerTls {
    Objects.requireNonNull(keystore, "keystore is null");
    Objects.requireNonNull(password, "password is null");
    Objects.requireNonNull(type, "type is null");
  }

  @Override
  public String toString() {
    return "ServerTls[keystore=" + keystore + ", type=" + type + "]";
  }
}
