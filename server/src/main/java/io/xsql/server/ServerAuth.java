package io.xsql.server;

/** How the server authenticates clients. */
enum ServerAuth {
  /** Nobody is asked: every client is {@code anonymous}. Only for trusted networks. */
  NONE,
  /** HTTP Basic: the password travels with each request, so use TLS. */
  BASIC,
  /** HTTP Digest: the password never travels; the users file holds MD5(user:realm:password). */
  DIGEST;

  /** The realm Digest hashes are made for. */
  static final String REALM = "xsql";
}
