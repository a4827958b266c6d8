package org.sanwang.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The outside SMS gateway, as a real local HTTP server that records what the hub POSTs. */
final class SmsGatewayStub implements AutoCloseable {
  final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  SmsGatewayStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/sms", exchange -> {
      received.add(HubClient.JSON.readTree(exchange.getRequestBody()));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
