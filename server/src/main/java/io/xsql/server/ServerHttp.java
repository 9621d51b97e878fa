package io.xsql.server;

import java.io.File;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HttpRequestRemoteUserExtractor;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.RemoteUserExtractor;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.DigestAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Avatica's HTTP server with xsql's login service (which logs failed logins) and the authenticated user
 * handed to {@link ServerMeta} through Avatica's impersonation callback.
 */
final class ServerHttp extends HttpServer {
  /** Any authenticated user may connect; what they may do is the server configuration's business. */
  private static final String[] ANY_USER = {Constraint.ANY_AUTH};

  /** The address to listen on; empty for every interface. */
  private final Optional<String> host;

  ServerHttp(Optional<String> host, int port, AvaticaHandler handler, AvaticaServerConfiguration auth,
      SslContextFactory.Server tls) {
    super(port, handler, auth, null, tls);
    this.host = host;
  }

  @Override
  protected ServerConnector getServerConnector() {
    ServerConnector connector = super.getServerConnector();
    host.ifPresent(connector::setHost);
    return connector;
  }

  @Override
  protected ConstraintSecurityHandler configureBasicAuthentication(Server server,
      AvaticaServerConfiguration config) {
    return login(server, config, Constraint.__BASIC_AUTH, new BasicAuthenticator());
  }

  @Override
  protected ConstraintSecurityHandler configureDigestAuthentication(Server server,
      AvaticaServerConfiguration config) {
    return login(server, config, Constraint.__DIGEST_AUTH, new DigestAuthenticator());
  }

  /** Avatica's authentication of one kind, with xsql's login service (it logs failed logins). */
  private ConstraintSecurityHandler login(Server server, AvaticaServerConfiguration config, String kind,
      Authenticator authenticator) {
    ServerLogin login = new ServerLogin(config.getHashLoginServiceRealm(), config.getHashLoginServiceProperties());
    server.addBean(login);
    return configureCommonAuthentication(kind, config.getAllowedRoles(), authenticator, null, login);
  }

  /** Basic or Digest authentication against a users file, running each request as its user. */
  static AvaticaServerConfiguration authentication(ServerAuth auth, File usersFile) {
    AuthenticationType type = auth == ServerAuth.DIGEST ? AuthenticationType.DIGEST : AuthenticationType.BASIC;
    RemoteUserExtractor extractor = new HttpRequestRemoteUserExtractor();
    return new AvaticaServerConfiguration() {
      @Override
      public AuthenticationType getAuthenticationType() {
        return type;
      }

      @Override
      public String[] getAllowedRoles() {
        return ANY_USER.clone();
      }

      @Override
      public String getHashLoginServiceRealm() {
        return ServerAuth.REALM;
      }

      @Override
      public String getHashLoginServiceProperties() {
        return usersFile.getAbsolutePath();
      }

      @Override
      public boolean supportsImpersonation() {
        return true;
      }

      @Override
      public <T> T doAsRemoteUser(String remoteUserName, String remoteAddress, Callable<T> action)
          throws Exception {
        return new ServerCaller(remoteUserName, remoteAddress).run(action);
      }

      @Override
      public RemoteUserExtractor getRemoteUserExtractor() {
        return extractor;
      }

      @Override
      public String getKerberosRealm() {
        return null;
      }

      @Override
      public String getKerberosServiceName() {
        return null;
      }

      @Override
      public String getKerberosHostName() {
        return null;
      }

      @Override
      public String getKerberosPrincipal() {
        return null;
      }
    };
  }
}
