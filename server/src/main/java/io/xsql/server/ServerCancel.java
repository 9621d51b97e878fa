package io.xsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.xsql.driver.RemoteCancelRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Takes the cancel requests of {@code jdbc:xsql:remote:} clients ({@link RemoteCancelRequest}) at their own
 * path (Avatica's protocol has no cancel request) and hands every other request to Avatica's handler. It
 * sits behind the same authentication as Avatica's handler and runs as the caller, as Avatica's requests
 * do, so that {@link ServerMeta} finds only the caller's own statements.
 */
final class ServerCancel extends HandlerWrapper implements AvaticaHandler {
  /** Far more than a cancel request needs: a connection id and a statement number. */
  private static final int MAX_BODY = 4096;

  private final AvaticaHandler avatica;
  private final ServerMeta meta;
  private final Optional<AvaticaServerConfiguration> auth;

  ServerCancel(AvaticaHandler avatica, ServerMeta meta, Optional<AvaticaServerConfiguration> auth) {
    this.avatica = avatica;
    this.meta = meta;
    this.auth = auth;
    setHandler(avatica);
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (!RemoteCancelRequest.PATH.equals(target)) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setHandled(true);
    if (!"POST".equals(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    Optional<RemoteCancelRequest> cancel =
        RemoteCancelRequest.decode(request.getInputStream().readNBytes(MAX_BODY));
    if (cancel.isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    if (!asCaller(request, () -> meta.cancel(cancel.get()))) {
      // Another user's statement is as unknown as one that never existed: ids seen must not work.
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write(RemoteCancelRequest.CANCELED.getBytes(UTF_8));
  }

  /** Runs {@code action} as the authenticated caller, the way Avatica's handlers run their requests. */
  private boolean asCaller(HttpServletRequest request, Callable<Boolean> action)
      throws ServletException {
    try {
      if (auth.isEmpty()) {
        return action.call();
      }
      String user = auth.get().getRemoteUserExtractor().extract(request);
      return auth.get().doAsRemoteUser(user, request.getRemoteAddr(), action);
    } catch (Exception e) {
      throw new ServletException("canceling a statement failed", e);
    }
  }

  @Override
  public void setServerRpcMetadata(RpcMetadataResponse metadata) {
    avatica.setServerRpcMetadata(metadata);
  }
}
