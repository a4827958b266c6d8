package org.sanwang.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A callback to a network: a CloudEvent from {@code urn:sanwang:hub} in structured JSON, whose id is
 * also the {@code webhook-id} of every attempt to deliver it.
 */
public record OutboundEvent(String id, String type, String subject, String json) {
  public static final String SOURCE = "urn:sanwang:hub";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static OutboundEvent of(String id, String type, String subject, Instant time, JsonNode data) {
    ObjectNode e = JSON.createObjectNode();
    e.put("specversion", "1.0");
    e.put("id", id);
    e.put("source", SOURCE);
    e.put("type", type);
    e.put("subject", subject);
    e.put("time", time.toString());
    e.put("datacontenttype", "application/json");
    e.set("data", data);
    return new OutboundEvent(id, type, subject, e.toString());
  }

  public static ObjectNode data() {
    return JSON.createObjectNode();
  }
}
