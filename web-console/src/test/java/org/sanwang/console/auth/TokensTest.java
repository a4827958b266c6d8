package org.sanwang.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final Tokens.Stamp STAMP = new Tokens.Stamp(3, "fingerprint-of-p-001");
  static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

  @Test
  void aTokenNamesItsSubjectUntilItExpires() {
    var issuedAt = Instant.parse("2026-11-21T08:00:00Z");
    var issued = new Tokens(KEY, Duration.ofHours(12), Clock.fixed(issuedAt, ZoneOffset.UTC)).issue("p-001", STAMP);
    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-11-21T20:00:00Z"));
    var beforeExpiry = new Tokens(KEY, Duration.ofHours(12), Clock.fixed(issuedAt.plusSeconds(3600), ZoneOffset.UTC));
    assertThat(beforeExpiry.verify(issued.token())).contains(new Tokens.Claims("p-001", STAMP));
    var afterExpiry = new Tokens(KEY, Duration.ofHours(12), Clock.fixed(issuedAt.plus(Duration.ofHours(13)), ZoneOffset.UTC));
    assertThat(afterExpiry.verify(issued.token())).isEmpty();
  }

  @Test
  void aTokenSignedWithAnotherKeyOrTamperedWithIsRefused() {
    var issued = new Tokens(KEY, Duration.ofHours(1), Clock.systemUTC()).issue("p-001", STAMP);
    assertThat(new Tokens(OTHER_KEY, Duration.ofHours(1), Clock.systemUTC()).verify(issued.token())).isEmpty();
    String[] parts = issued.token().split("\\.");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"admin\",\"exp\":9999999999}".getBytes()) + "." + parts[2];
    assertThat(new Tokens(KEY, Duration.ofHours(1), Clock.systemUTC()).verify(forged)).isEmpty();
    assertThat(new Tokens(KEY, Duration.ofHours(1), Clock.systemUTC()).verify("garbage")).isEmpty();
  }

  @Test
  void aTokenCheckedOnceStillExpiresAndAForgedOneStaysRefused() {
    var now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-11-21T08:00:00Z"));
    var clock = new Clock() {
      @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    var tokens = new Tokens(KEY, Duration.ofHours(1), clock);
    var issued = tokens.issue("p-001", STAMP);
    String[] parts = issued.token().split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(1) + (parts[2].charAt(0) == 'A' ? "B" : "A");

    assertThat(tokens.verify(issued.token())).contains(new Tokens.Claims("p-001", STAMP));
    assertThat(tokens.verify(forged)).isEmpty();
    now.set(now.get().plus(Duration.ofMinutes(61)));

    assertThat(tokens.verify(issued.token())).isEmpty();
    assertThat(tokens.verify(forged)).isEmpty();
  }
}
