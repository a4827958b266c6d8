package org.sanwang.connectors.devices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm off, for Paho's {@code tcp://} connections. With it on, a
 * press or an acknowledgement (a few dozen bytes) waits while an earlier segment is unacknowledged,
 * and the receiver holds its acknowledgements back: a press took 17 ms from a device's client to the
 * hub's at idle on loopback (the rest of the way to the building head's stream took 13 ms).
 */
public final class NoDelaySockets extends SocketFactory {
  private final SocketFactory sockets = SocketFactory.getDefault();

  /** The factory for a broker URL: this one for {@code tcp://}, none (Paho's own) for anything else, such as TLS. */
  public static SocketFactory forUrl(String url) {
    return url.startsWith("tcp://") ? new NoDelaySockets() : null;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(sockets.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(sockets.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return noDelay(sockets.createSocket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
