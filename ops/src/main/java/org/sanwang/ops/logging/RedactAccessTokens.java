package org.sanwang.ops.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.sanwang.console.api.Redaction;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps bearer tokens out of every log line, whoever writes it: Pekko HTTP prints request URIs in
 * some warnings (an early response to a stream request still sending its body, for one), and a
 * stream URL carries {@code ?access_token=}. A line that holds a token is dropped and logged again
 * on the same logger, level, marker and thread (so with the same MDC) with
 * {@code access_token=REDACTED}, so every appender sees only the redacted line. Configured as a
 * {@code <turboFilter>} in logback.xml.
 */
public final class RedactAccessTokens extends TurboFilter {
  private static final String FQCN = RedactAccessTokens.class.getName();

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (!isStarted() || level == null || format == null || !logger.isEnabledFor(level)) return FilterReply.NEUTRAL;
    var formatted = MessageFormatter.arrayFormat(format, params);
    Throwable thrown = t != null ? t : formatted.getThrowable();
    if (!Redaction.holdsAccessToken(formatted.getMessage()) && !holdsAccessToken(thrown)) return FilterReply.NEUTRAL;
    logger.log(marker, FQCN, Level.toLocationAwareLoggerInteger(level), Redaction.accessTokens(formatted.getMessage()),
        null, redacted(thrown));
    return FilterReply.DENY;
  }

  private static boolean holdsAccessToken(Throwable t) {
    for (var c = t; c != null; c = c.getCause() == c ? null : c.getCause())
      if (Redaction.holdsAccessToken(c.getMessage())) return true;
    return false;
  }

  /** {@code t} itself when none of its chain holds a token, else a copy of the chain with the messages redacted. */
  static Throwable redacted(Throwable t) {
    if (t == null || !holdsAccessToken(t)) return t;
    var copy = new Redacted(t.getClass().getName() + ": " + Redaction.accessTokens(t.getMessage()),
        t.getCause() == t ? null : redacted(t.getCause()));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /** Stands in for a throwable whose message held a token; its message starts with the original class name. */
  static final class Redacted extends RuntimeException {
    Redacted(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
