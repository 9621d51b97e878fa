package io.xsql.server;

import javax.servlet.ServletRequest;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.server.UserIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jetty's users-file login, logging each failed login with the user name and address, never the password. */
final class ServerLogin extends HashLoginService {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLogin.class);

  ServerLogin(String realm, String usersFile) {
    super(realm, usersFile);
  }

  @Override
  public UserIdentity login(String username, Object credentials, ServletRequest request) {
    UserIdentity user = super.login(username, credentials, request);
    if (user == null) {
      LOG.warn("Failed login of user '{}' from {}", ServerCaller.printable(String.valueOf(username)),
          request == null ? "an unknown address" : request.getRemoteAddr());
    }
    return user;
  }
}
