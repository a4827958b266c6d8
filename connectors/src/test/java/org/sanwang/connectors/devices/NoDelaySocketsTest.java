package org.sanwang.connectors.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The gateway's sockets to the broker send a press's ack at once (TCP_NODELAY); a TLS URL keeps Paho's own factory. */
class NoDelaySocketsTest {
  @Test
  void aPlainBrokerConnectionHasNaglesAlgorithmOff() throws Exception {
    var factory = NoDelaySockets.forUrl("tcp://127.0.0.1:1883");
    assertThat(factory).isNotNull();
    try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        var unconnected = factory.createSocket();
        var connected = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      assertThat(unconnected.getTcpNoDelay()).as("the socket Paho creates and then connects").isTrue();
      assertThat(connected.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void aTlsBrokerKeepsPahosOwnFactory() {
    assertThat(NoDelaySockets.forUrl("ssl://broker.example:8883")).isNull();
  }
}
