package org.sanwang.connectors.devices;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.device.DeviceMessage;

/**
 * Device topics and payloads ⇄ the hub's device messages. Pure functions. Device payloads are
 * read leniently (a firmware that adds a field must not lose a press); wrong types, fractions for
 * whole numbers and numeric timestamps are errors, as on the HTTP device API.
 */
public final class DevicesMapper {
  public enum Kind { CALL, HEARTBEAT, CHECK_IN }

  public record Inbound(String deviceId, Kind kind) {}

  /** What the hub publishes on a device's {@code ack} topic. */
  public record Ack(String alertId, String state, String by) {}

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      // Registered after JavaTimeModule, so its Instant deserializer is the one found.
      .addModule(new SimpleModule("iso-instant-only").addDeserializer(Instant.class, new IsoInstantOnly()))
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // battery 1.5 or seq 1.5 is a malformed payload, not 1 (as on HTTP).
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private DevicesMapper() {}

  /** {@code <prefix>/<deviceId>/call|heartbeat}, or empty for any other topic. */
  public static Optional<Inbound> inbound(String prefix, String topic) {
    if (!topic.startsWith(prefix + "/")) return Optional.empty();
    String[] parts = topic.substring(prefix.length() + 1).split("/");
    if (parts.length != 2 || !ID.matcher(parts[0]).matches()) return Optional.empty();
    return switch (parts[1]) {
      case "call" -> Optional.of(new Inbound(parts[0], Kind.CALL));
      case "heartbeat" -> Optional.of(new Inbound(parts[0], Kind.HEARTBEAT));
      case "checkin" -> Optional.of(new Inbound(parts[0], Kind.CHECK_IN));
      default -> Optional.empty();
    };
  }

  /**
   * The payload as a device message; an empty payload is a bare press. Refused (an IOException
   * naming the field, counted as malformed by the connector): wrong types, a fraction for
   * {@code battery} or {@code seq}, an {@code at} that is not ISO-8601 text, values out of range.
   */
  public static DeviceMessage message(byte[] payload) throws IOException {
    if (payload.length == 0 || new String(payload, StandardCharsets.UTF_8).isBlank()) return DeviceMessage.EMPTY;
    DeviceMessage m;
    try {
      m = JSON.readValue(payload, DeviceMessage.class);
    } catch (InvalidFormatException e) {
      String field = e.getPath().isEmpty() ? "payload" : e.getPath().get(e.getPath().size() - 1).getFieldName();
      if (e.getValue() instanceof Number n && (e.getTargetType() == Integer.class || e.getTargetType() == Long.class))
        throw new IOException(field + ": must be a whole number, got " + n, e);
      throw e;
    }
    if (m == null) throw new IOException("payload is null");
    var problem = m.problem();
    if (problem != null) throw new IOException(problem.toString());
    return m;
  }

  /** {@code at} only as ISO-8601 text: Jackson's own reads a number as seconds since 1970. */
  private static final class IsoInstantOnly extends StdDeserializer<Instant> {
    IsoInstantOnly() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING))
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p.currentToken(), p,
            "%s: must be an ISO-8601 UTC timestamp like 2026-11-21T08:00:00Z", p.currentName());
      return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
  }

  public static String ackTopic(String prefix, String deviceId) {
    return prefix + "/" + deviceId + "/ack";
  }

  public static byte[] ackPayload(AlertEntity.DeviceAck ack) {
    try {
      return JSON.writeValueAsBytes(new Ack(ack.alertId(), ack.state(), ack.by()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
