package org.sanwang.console.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.sanwang.hub.org.FieldError;

/**
 * The one JSON configuration of the HTTP API: strict on input (unknown fields, wrong types,
 * repeated fields, trailing garbage and text the journal cannot keep are errors that name the
 * field, in our words, never Jackson's), ISO-8601 timestamps on output.
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
      // 1.5 where a whole number is required is an error, not 1.
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      // Durations and timestamps only as ISO-8601 text: the JSR-310 deserializers ignore coercion
      // configs and would read 123 as 123 seconds or 1970-01-01T00:02:03Z.
      .addModule(IsoTimeOnly.MODULE)
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

  /**
   * Parses a whole body into {@code type}, or throws a 400 problem naming the bad field. The body
   * is read into a tree first and every object key and string value, at any depth, must be text
   * the journal can keep and every page can show: well-formed UTF-16 (no lone surrogate, as the
   * escape {@code "\\ud800"} can smuggle in) and no control character but newline, carriage
   * return and tab. Only then is the tree turned into {@code type}, so nothing else reaches a route.
   */
  public static <T> T parse(String body, Class<T> type) {
    if (body == null || body.isBlank()) throw ProblemException.badRequest("body: a JSON object is required");
    JsonNode tree = readTree(body);
    if (tree == null || tree.isNull()) throw ProblemException.badRequest("body: a JSON object is required");
    var errors = textErrors(tree);
    if (!errors.isEmpty()) throw ProblemException.invalid(errors);
    return convert(tree, type);
  }

  /** Trailing content is checked by hand, so that a MismatchedInputException here means a repeated field. */
  private static final ObjectReader TREE_READER = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static JsonNode readTree(String body) {
    try (JsonParser parser = MAPPER.createParser(body)) {
      try {
        JsonNode tree = TREE_READER.readTree(parser);
        if (parser.nextToken() != null)
          throw ProblemException.badRequest("body: unexpected content after the JSON value" + at(parser.currentLocation()));
        return tree;
      } catch (StreamConstraintsException e) {
        throw ProblemException.badRequest("body: nested too deeply, or a number or text too long" + at(e.getLocation()));
      } catch (MismatchedInputException e) {
        // The one way reading a tree fails on well-formed JSON: FAIL_ON_READING_DUP_TREE_KEY.
        throw ProblemException.badRequest(orBody(path(parser.getParsingContext())) + ": the field is given twice");
      } catch (JsonProcessingException e) {
        String near = path(parser.getParsingContext());
        throw ProblemException.badRequest("body: malformed JSON" + at(e.getLocation()) + (near.isEmpty() ? "" : " (in " + near + ")"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string", e);
    }
  }

  private static <T> T convert(JsonNode tree, Class<T> type) {
    try {
      T value = MAPPER.treeToValue(tree, type);
      if (value == null) throw ProblemException.badRequest("body: a JSON object is required");
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ProblemException.badRequest(path(e) + ": unknown field; known fields are "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
    } catch (InvalidFormatException e) {
      throw notIso8601OrWhole(tree, e).orElseGet(() ->
          ProblemException.badRequest(where(e) + ": wrong type, expected " + friendly(e.getTargetType())));
    } catch (MismatchedInputException e) {
      throw notIso8601OrWhole(tree, e).orElseGet(() -> ProblemException.badRequest(where(e) + ": wrong type or shape, expected "
          + (e.getTargetType() == null ? "a JSON object" : friendly(e.getTargetType()))));
    } catch (InvalidDefinitionException e) {
      throw new IllegalStateException("the request type " + type.getName() + " cannot be read from JSON", e);
    } catch (ValueInstantiationException e) {
      // A record refusing its values says why in its own words; anything else is Jackson's, kept out.
      String why = e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
          ? iae.getMessage() : "not an acceptable value";
      throw ProblemException.badRequest(where(e) + ": " + why);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof InputCoercionException number)
        throw ProblemException.badRequest(where(e) + ": the number is out of range for " + friendly(number.getTargetType()));
      throw ProblemException.badRequest(where(e) + ": not an acceptable value");
    } catch (InputCoercionException e) {
      String where = e.getProcessor() == null ? "" : path(e.getProcessor().getParsingContext());
      throw ProblemException.badRequest(orBody(where) + ": the number is out of range for "
          + friendly(e.getTargetType()));
    } catch (JsonProcessingException e) {
      String where = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "";
      throw ProblemException.badRequest(orBody(where) + ": not an acceptable value");
    }
  }

  /**
   * A duration or timestamp given as anything but ISO-8601 text, or a fraction where a whole number
   * is required, said with what was sent: {@code repeatEvery: must be an ISO-8601 duration like
   * PT60S, got a number}, {@code battery: must be a whole number, got 1.5}.
   */
  private static java.util.Optional<ProblemException> notIso8601OrWhole(JsonNode tree, MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    JsonNode given = nodeAt(tree, e);
    if (target == null || given == null) return java.util.Optional.empty();
    boolean time = target == java.time.Duration.class || target == java.time.Instant.class;
    boolean whole = target == Integer.class || target == int.class || target == Long.class || target == long.class
        || target == Short.class || target == short.class;
    if (time || (whole && given.isFloatingPointNumber()))
      return java.util.Optional.of(ProblemException.badRequest(where(e) + ": must be " + friendly(target) + ", got " + shown(given)));
    return java.util.Optional.empty();
  }

  /** The value Jackson stopped at, found again in the tree by the exception's path. */
  private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (var ref : e.getPath()) {
      if (node == null) return null;
      node = ref.getIndex() >= 0 ? node.get(ref.getIndex()) : ref.getFieldName() != null ? node.get(ref.getFieldName()) : node;
    }
    return node;
  }

  /** What a client sent, in a few words: {@code a number}, {@code 1.5}, {@code 'soon'}, {@code an object}. */
  private static String shown(JsonNode given) {
    if (given.isFloatingPointNumber()) return given.asText();
    if (given.isNumber()) return "a number";
    if (given.isBoolean()) return given.asText();
    if (given.isObject()) return "an object";
    if (given.isArray()) return "an array";
    if (given.isTextual()) {
      String t = given.textValue();
      return "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'";
    }
    return "null";
  }

  /**
   * The bytes of a request body as text, refusing anything that is not well-formed UTF-8 (a stray
   * Latin-1 byte, a truncated sequence, an overlong form or a surrogate encoded in UTF-8) with a 400
   * naming the byte offset, counted from 0: {@code body: not well-formed UTF-8 at byte 12}.
   * Decoding leniently would store U+FFFD in place of what the client sent.
   */
  public static String utf8(java.nio.ByteBuffer bytes) {
    var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    var text = java.nio.CharBuffer.allocate(bytes.remaining());
    int start = bytes.position();
    var result = decoder.decode(bytes, text, true);
    if (!result.isError()) result = decoder.flush(text);
    if (result.isError())
      throw ProblemException.badRequest("body: not well-formed UTF-8 at byte " + (bytes.position() - start));
    return text.flip().toString();
  }

  public static String utf8(byte[] bytes) {
    return utf8(java.nio.ByteBuffer.wrap(bytes));
  }

  /** The most problems one body reports; a huge import full of bad text is refused just the same. */
  static final int MAX_TEXT_ERRORS = 100;

  /** Every key and string value of {@code tree} that is not acceptable text, by JSON path. */
  /** Text the journal cannot keep or a page cannot show, anywhere in {@code tree}, by path ({@code [3].data.title}). */
  public static List<FieldError> textErrors(JsonNode tree) {
    var errors = new ArrayList<FieldError>();
    walk(tree, new ArrayDeque<>(), errors);
    return errors;
  }

  private static void walk(JsonNode node, Deque<Object> path, List<FieldError> errors) {
    if (errors.size() >= MAX_TEXT_ERRORS) return;
    if (node.isTextual()) {
      String problem = textProblem(node.textValue());
      if (problem != null) errors.add(new FieldError(orBody(render(path)), problem));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.addLast(i);
        walk(node.get(i), path, errors);
        path.removeLast();
      }
    } else if (node.isObject()) {
      for (var field : node.properties()) {
        String problem = textProblem(field.getKey());
        if (problem != null) {
          errors.add(new FieldError(orBody(render(path)), "a field name " + problem));
          if (errors.size() >= MAX_TEXT_ERRORS) return;
          continue;
        }
        path.addLast(field.getKey());
        walk(field.getValue(), path, errors);
        path.removeLast();
      }
    }
  }

  /**
   * Why {@code s} is not acceptable text, or null. Positions count UTF-16 code units from 0, as
   * JavaScript's and Java's string indexes do.
   */
  static String textProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains a lone UTF-16 surrogate at character " + i;
      } else if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t' && c != '\r') {
        return "contains a control character " + String.format("U+%04X", (int) c) + " at character " + i;
      }
    }
    return null;
  }

  private static String at(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String where(JsonMappingException e) {
    return orBody(path(e));
  }

  private static String orBody(String path) {
    return path.isEmpty() ? "body" : path;
  }

  private static String friendly(Class<?> type) {
    if (type == null) return "this field";
    if (type == String.class) return "a string";
    if (type == java.time.Duration.class) return "an ISO-8601 duration like PT60S";
    if (type == java.time.Instant.class) return "an ISO-8601 UTC timestamp like 2026-11-21T08:00:00Z";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class) return "a whole number";
    if (java.util.List.class.isAssignableFrom(type)) return "an array";
    if (type.isRecord()) return "an object";
    return type.getSimpleName();
  }

  /** {@code people[3].roles[0].scope}, from Jackson's reference chain. */
  static String path(JsonMappingException e) {
    var segments = new ArrayDeque<Object>();
    for (var ref : e.getPath()) {
      if (ref.getIndex() >= 0) segments.addLast(ref.getIndex());
      else if (ref.getFieldName() != null) segments.addLast(ref.getFieldName());
    }
    return render(segments);
  }

  /** The same, from where a parser stands. */
  static String path(JsonStreamContext context) {
    var segments = new ArrayDeque<Object>();
    for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) segments.addFirst(Math.max(0, c.getCurrentIndex()));
      else if (c.getCurrentName() != null) segments.addFirst(c.getCurrentName());
    }
    return render(segments);
  }

  /** Indexes as {@code [3]}, names joined with dots; the top level is {@code body}. */
  private static String render(Deque<Object> segments) {
    var sb = new StringBuilder();
    for (var segment : segments) {
      if (segment instanceof Integer i) sb.append('[').append(i).append(']');
      else {
        if (sb.length() > 0) sb.append('.');
        sb.append(segment);
      }
    }
    return sb.toString();
  }
}
