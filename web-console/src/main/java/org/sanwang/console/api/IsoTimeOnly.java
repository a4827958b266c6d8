package org.sanwang.console.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Durations and timestamps are read only from ISO-8601 text ({@code "PT60S"},
 * {@code "2026-11-21T08:00:00Z"}). Jackson's JSR-310 deserializers take a number as seconds (or
 * nanoseconds) whatever the coercion config says, so {@code "repeatEvery":123} became two minutes;
 * here any other token is an input mismatch, which {@link Json} reports naming the field.
 */
final class IsoTimeOnly extends DelegatingDeserializer {
  static final Module MODULE = new SimpleModule("iso-time-only").setDeserializerModifier(new BeanDeserializerModifier() {
    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
        JsonDeserializer<?> deserializer) {
      Class<?> type = description.getBeanClass();
      return type == Duration.class || type == Instant.class ? new IsoTimeOnly(deserializer) : deserializer;
    }
  });

  private IsoTimeOnly(JsonDeserializer<?> delegate) {
    super(delegate);
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
    return new IsoTimeOnly(delegate);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_STRING)) return ctxt.handleUnexpectedToken(handledType(), p);
    return super.deserialize(p, ctxt);
  }
}
