package org.sanwang.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A network's CloudEvent as the edge keeps it: the attributes it routes and dedups by, its
 * {@code data}, and the event exactly as it arrived ({@code json}), which quarantine shows and replay reads.
 */
public record InboundEvent(Network network, String source, String id, String type, String subject,
    Optional<Instant> time, JsonNode data, String json) {

  /** The idempotency key (CONTRACT: network, source, id). */
  public record Key(Network network, String source, String id) {}

  public Key key() {
    return new Key(network, source, id);
  }

  public String text(String field) {
    var v = data.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
