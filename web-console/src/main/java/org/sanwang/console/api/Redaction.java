package org.sanwang.console.api;

import java.util.regex.Pattern;

/**
 * Bearer tokens never reach a log line or an error detail: a stream URL carries one as
 * {@code ?access_token=}, and Pekko HTTP and our own handlers may print URLs.
 */
public final class Redaction {
  private static final Pattern ACCESS_TOKEN = Pattern.compile("(?i)(access_token=)(?!REDACTED(?:[&\\s#\"'<>\\])]|$))[^&\\s#\"'<>\\])]+");

  private Redaction() {}

  /** {@code text} with the value of every {@code access_token=} replaced by {@code REDACTED}; null stays null. */
  public static String accessTokens(String text) {
    return text == null ? null : ACCESS_TOKEN.matcher(text).replaceAll("$1REDACTED");
  }

  /** Whether {@code text} holds an access token that {@link #accessTokens} would hide. */
  public static boolean holdsAccessToken(String text) {
    return text != null && ACCESS_TOKEN.matcher(text).find();
  }
}
