package org.sanwang.connectors.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the networks' CloudEvents 1.0 in structured JSON, one event or a batch, through the
 * CloudEvents SDK's Jackson format, and checks what the hub needs of each: {@code id}, {@code source},
 * {@code type}, a {@code subject} to route by, and the {@code data} its type requires. The first
 * problem is thrown as a {@link BadEvent} naming the field ({@code [3].data.caseId}), so a batch is
 * taken whole or not at all.
 */
public final class CloudEventsReader {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .addModule(JsonFormat.getCloudEventJacksonModule())
      .build();

  private static final java.util.regex.Pattern ATTRIBUTE = java.util.regex.Pattern.compile("for \"([a-z0-9]{1,40})\"");

  private CloudEventsReader() {}

  /**
   * Text the hub cannot keep (a lone surrogate, a control character), found anywhere in a request's
   * JSON: {@code (path, message)}, or nothing. The HTTP edge passes its own, the one every route uses.
   */
  public interface TextCheck {
    Optional<String[]> problem(JsonNode tree);

    TextCheck NONE = tree -> Optional.empty();
  }

  /** One structured event ({@code application/cloudevents+json}); fields are named as {@code data.title}. */
  public static InboundEvent one(Network network, String body, TextCheck text) {
    var tree = tree(body);
    text.problem(tree).ifPresent(p -> {
      throw new BadEvent(p[0], p[1]);
    });
    return event(network, tree, "");
  }

  /** A batch ({@code application/cloudevents-batch+json}) of at most {@code maxEvents}; fields are named as {@code [3].data.title}. */
  public static List<InboundEvent> batch(Network network, String body, int maxEvents, TextCheck text) {
    var tree = tree(body);
    if (!tree.isArray()) throw new BadEvent("body", "a batch must be a JSON array of CloudEvents");
    if (tree.size() > maxEvents) throw BadEvent.tooLarge("body", "a batch holds at most " + maxEvents + " events, got " + tree.size());
    text.problem(tree).ifPresent(p -> {
      throw new BadEvent(p[0], p[1]);
    });
    var out = new ArrayList<InboundEvent>(tree.size());
    for (int i = 0; i < tree.size(); i++) out.add(event(network, tree.get(i), "[" + i + "]."));
    return out;
  }

  /** A page of a pull feed: {@code {events:[…], next}}. Malformed events are returned as such, to be quarantined. */
  public record Page(List<JsonNode> events, String next) {}

  public static Page page(String body) {
    var tree = tree(body);
    var events = tree.get("events");
    var next = tree.get("next");
    if (events == null || !events.isArray()) throw new BadEvent("events", "the feed's page must have an events array");
    var list = new ArrayList<JsonNode>();
    events.forEach(list::add);
    return new Page(list, next == null || next.isNull() ? null : next.asText());
  }

  /** A node from a feed page as an event, or the problem that keeps it out. */
  public static InboundEvent fromNode(Network network, JsonNode node) {
    return event(network, node, "");
  }

  private static JsonNode tree(String body) {
    try {
      var tree = MAPPER.readTree(body);
      if (tree == null || tree.isMissingNode()) throw new BadEvent("body", "is empty");
      return tree;
    } catch (JsonProcessingException e) {
      throw new BadEvent("body", "is not well-formed JSON: " + e.getOriginalMessage());
    }
  }

  private static InboundEvent event(Network network, JsonNode node, String at) {
    if (!node.isObject()) throw new BadEvent(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be a CloudEvent object");
    var spec = node.get("specversion");
    if (spec == null || !"1.0".equals(spec.asText()) || !spec.isTextual())
      throw new BadEvent(at + "specversion", "must be \"1.0\"");
    String id = text(node, at, "id");
    String source = text(node, at, "source");
    String type = text(node, at, "type");
    String subject = text(node, at, "subject");
    var contentType = node.get("datacontenttype");
    if (contentType != null && !(contentType.isTextual() && isJson(contentType.asText())))
      throw new BadEvent(at + "datacontenttype", "must be application/json when given");
    if (node.has("data_base64")) throw new BadEvent(at + "data_base64", "is not taken: send data as a JSON object");
    var data = node.get("data");
    if (data == null || !data.isObject()) throw new BadEvent(at + "data", "must be a JSON object");
    CloudEvent parsed;
    try {
      parsed = MAPPER.treeToValue(node, CloudEvent.class);
    } catch (JsonProcessingException | RuntimeException e) {
      String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      // The SDK names the attribute it refused in its message: 'Invalid attribute/extension value for "time"'.
      var named = message == null ? null : ATTRIBUTE.matcher(message);
      if (named != null && named.find()) throw new BadEvent(at + named.group(1), "is not a valid CloudEvents 1.0 value: " + message);
      throw new BadEvent(at.isEmpty() ? "event" : at.substring(0, at.length() - 1), "is not a valid CloudEvent 1.0: " + message);
    }
    EventSchemas.problem(type, data).ifPresent(p -> {
      throw new BadEvent(at + "data." + p[0], p[1]);
    });
    var time = Optional.ofNullable(parsed.getTime()).map(t -> t.toInstant());
    return new InboundEvent(network, source, id, type, subject, time, data, node.toString());
  }

  private static String text(JsonNode node, String at, String name) {
    var v = node.get(name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) throw new BadEvent(at + name, "is required (a non-empty string)");
    if (v.asText().length() > 500) throw new BadEvent(at + name, "is longer than 500 characters");
    return v.asText();
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].trim().toLowerCase();
    return base.equals("application/json") || base.endsWith("+json");
  }

  /** The stored event back as JSON (replay). */
  public static InboundEvent stored(Network network, String json) {
    return event(network, tree(json), "");
  }
}
