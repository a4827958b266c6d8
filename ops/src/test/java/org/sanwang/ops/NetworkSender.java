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

  HubClient.Response signed(String contentType, String body, Instant at) {
    return client.post("/api/v1/networks/" + network + "/events", contentType, body,
        signing.sign("msg_" + UUID.randomUUID(), at, body));
  }
}
