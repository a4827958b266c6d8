package org.sanwang.connectors.devices;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.device.DeviceMessage;

/**
 * Device topics and payloads ⇄ the hub's device messages. Pure functions. Device payloads are
 * read leniently (a firmware that adds a field must not lose a press); wrong types are errors.
 */
public final class DevicesMapper {
  public enum Kind { CALL, HEARTBEAT, CHECK_IN }

  public record Inbound(String deviceId, Kind kind) {}

  /** What the hub publishes on a device's {@code ack} topic. */
  public record Ack(String alertId, String state, String by) {}

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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

  /** The payload as a device message; an empty payload is a bare press. */
  public static DeviceMessage message(byte[] payload) throws IOException {
    if (payload.length == 0 || new String(payload, StandardCharsets.UTF_8).isBlank()) return DeviceMessage.EMPTY;
    var m = JSON.readValue(payload, DeviceMessage.class);
    if (m == null) throw new IOException("payload is null");
    var problem = m.problem();
    if (problem != null) throw new IOException(problem.toString());
    return m;
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
