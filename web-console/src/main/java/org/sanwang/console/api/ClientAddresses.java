package org.sanwang.console.api;

import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.TrustedProxies;

/**
 * The client address a request is throttled under: the TCP peer (the server's
 * {@code remote-address-attribute}), or what a trusted proxy says it forwarded for. Unlike Pekko's
 * {@code extractClientIP}, which believes any {@code X-Forwarded-For}, {@code X-Real-IP} or
 * {@code Remote-Address} header, a header counts here only when the peer is a trusted proxy.
 */
public final class ClientAddresses extends AllDirectives {
  private final TrustedProxies proxies;

  public ClientAddresses(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  public Route client(Function<String, Route> inner) {
    return extractRequest(request -> {
      Optional<java.net.InetAddress> peer = request.getAttribute(AttributeKeys.remoteAddress)
          .flatMap(RemoteAddress::getAddress);
      var forwardedFor = new ArrayList<String>();
      Optional<String> realIp = Optional.empty();
      for (HttpHeader h : request.getHeaders()) {
        if (h.is("x-forwarded-for")) forwardedFor.add(h.value());
        else if (h.is("x-real-ip") && realIp.isEmpty()) realIp = Optional.of(h.value());
      }
      return inner.apply(proxies.clientOf(peer, forwardedFor, realIp));
    });
  }
}
