package org.sanwang.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sanwang.connectors.core.WebhookSigning;

/** A network as the hub sees it from outside: it signs CloudEvents and POSTs them, one or a batch. */
final class NetworkSender {
  static final String CE = "application/cloudevents+json";
  static final String BATCH = "application/cloudevents-batch+json";

  private final HubClient client;
  private final String network;
  private final WebhookSigning signing;

  NetworkSender(HubClient client, String network, String secret) {
    this.client = client;
    this.network = network;
    this.signing = WebhookSigning.of(secret);
  }

  static ObjectNode event(String source, String id, String type, String subject, Map<String, ?> data) {
    var e = HubClient.JSON.createObjectNode();
    e.put("specversion", "1.0").put("id", id).put("source", source).put("type", type).put("subject", subject);
    e.put("time", Instant.now().toString()).put("datacontenttype", "application/json");
    e.set("data", HubClient.JSON.valueToTree(data));
    return e;
  }

  HubClient.Response send(JsonNode event) {
    return signed(CE, event.toString(), Instant.now());
  }

  HubClient.Response batch(List<? extends JsonNode> events) {
    ArrayNode array = HubClient.JSON.createArrayNode();
    events.forEach(array::add);
    return signed(BATCH, array.toString(), Instant.now());
  }

  /**
   * The status line and headers the hub answers to a signed request's headers alone: its Content-Length
   * announces all of {@code body}, none of which is sent. A limit on the size is decided on the
   * announced length, as a client sending {@code Expect: 100-continue} (curl does for large
   * bodies) relies on; sending the body too would race the hub's close against the writes.
   */
  List<String> answerToHeadersAlone(int port, String contentType, String body) throws java.io.IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var head = new StringBuilder("POST /api/v1/networks/" + network + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length).append("\r\n");
    signing.sign("msg_" + UUID.randomUUID(), Instant.now(), body).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII));
      var lines = new java.util.ArrayList<String>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) lines.add(line);
      return lines;
    }
  }

  HubClient.Response signed(String contentType, String body, Instant at) {
    return client.post("/api/v1/networks/" + network + "/events", contentType, body,
        signing.sign("msg_" + UUID.randomUUID(), at, body));
  }
}
