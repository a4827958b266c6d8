package org.sanwang.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.RequestEntity;

/**
 * The one JSON configuration of the HTTP API: strict on input (unknown fields, wrong types and
 * trailing garbage are errors that name the field), ISO-8601 timestamps on output.
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  static {
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  public static final ContentType PROBLEM = ContentTypes.create(MediaTypes.applicationWithFixedCharset(
      "problem+json", org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8));

  private Json() {}

  public static <T> Marshaller<T, RequestEntity> marshaller() {
    return Jackson.marshaller(MAPPER);
  }

  public static HttpEntity.Strict problemEntity(Problem p) {
    try {
      return HttpEntities.create(PROBLEM, MAPPER.writeValueAsBytes(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a whole body into {@code type}, or throws a 400 problem naming the bad field. */
  public static <T> T parse(String body, Class<T> type) {
    if (body == null || body.isBlank()) throw ProblemException.badRequest("body: a JSON object is required");
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) throw ProblemException.badRequest("body: a JSON object is required");
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ProblemException.badRequest(path(e) + ": unknown field; known fields are "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
    } catch (InvalidFormatException e) {
      throw ProblemException.badRequest(path(e) + ": wrong type, expected " + e.getTargetType().getSimpleName());
    } catch (MismatchedInputException e) {
      String where = path(e);
      throw ProblemException.badRequest((where.isEmpty() ? "body" : where) + ": wrong type or shape, expected "
          + (e.getTargetType() == null ? "a JSON object" : friendly(e.getTargetType())));
    } catch (JsonMappingException e) {
      throw ProblemException.badRequest((path(e).isEmpty() ? "body" : path(e)) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw ProblemException.badRequest("body: malformed JSON" + (loc == null ? "" :
          " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
    }
  }

  private static String friendly(Class<?> type) {
    if (type == String.class) return "a string";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
    if (java.util.List.class.isAssignableFrom(type)) return "an array";
    if (type.isRecord()) return "an object";
    return type.getSimpleName();
  }

  /** {@code people[3].roles[0].scope}, from Jackson's reference chain. */
  static String path(JsonMappingException e) {
    var sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
      else if (ref.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(ref.getFieldName());
      }
    }
    return sb.toString();
  }
}
