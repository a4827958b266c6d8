package org.sanwang.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several token keys rotate: the first signs, every listed one verifies, a key not listed is refused. */
class TokenKeyRotationTest {
  static final String NEW = key("the new token key, thirty-two b!");
  static final String OLD = key("the old token key, thirty-two b!");
  static final String OTHER = key("a key nobody listed, 32 bytes!!!");

  static String key(String thirtyTwoBytes) {
    return Base64.getEncoder().encodeToString(thirtyTwoBytes.getBytes());
  }

  static final Tokens.Stamp STAMP = new Tokens.Stamp(0, "fingerprint");

  static Tokens with(String... keys) {
    return new Tokens(List.of(keys), Duration.ofHours(1), Clock.systemUTC());
  }

  @Test
  void aTokenSignedWithTheOldKeyIsStillAcceptedWhileTheOldKeyIsListedAfterTheNewOne() {
    var underTest = with(NEW, OLD);
    assertThat(underTest.verify(with(OLD).issue("p-001", STAMP).token())).map(Tokens.Claims::subject).contains("p-001");
    assertThat(underTest.verify(underTest.issue("p-002", STAMP).token())).map(Tokens.Claims::subject).contains("p-002");
  }

  @Test
  void tokensAreSignedWithTheFirstKeyOnly() {
    var issued = with(NEW, OLD).issue("p-001", STAMP).token();
    assertThat(with(NEW).verify(issued)).map(Tokens.Claims::subject).contains("p-001");
    assertThat(with(OLD).verify(issued)).isEmpty();
  }

  @Test
  void aTokenSignedWithAKeyNotListedIsRefused() {
    assertThat(with(NEW, OLD).verify(with(OTHER).issue("admin", STAMP).token())).isEmpty();
  }

  @Test
  void anEmptyListOfKeysIsRefused() {
    assertThatThrownBy(() -> new Tokens(List.of(), Duration.ofHours(1), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token key");
  }
}
