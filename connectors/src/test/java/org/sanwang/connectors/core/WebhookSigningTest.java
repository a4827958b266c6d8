package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standard Webhooks signing of the networks' events and the hub's callbacks (CONTRACT v2). */
class WebhookSigningTest {
  // The example of the Standard Webhooks specification.
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String OLD = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
  private static final String BODY = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"urn:party\",\"type\":\"party.notice\"}";

  private static Map<String, List<String>> headers(Map<String, String> signed) {
    var h = new HashMap<String, List<String>>();
    signed.forEach((k, v) -> h.put(k, List.of(v)));
    return h;
  }

  @Test
  void signsAsTheSpecificationsExampleDoes() {
    var underTest = WebhookSigning.of(SPEC_SECRET);
    var signed = underTest.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", Instant.ofEpochSecond(1614265330), "{\"test\": 2432232314}");
    assertThat(signed).containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        .containsEntry("webhook-timestamp", "1614265330").containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek");
  }

  @Test
  void aFreshSignatureVerifiesAndATamperedBodyDoesNot() {
    var underTest = WebhookSigning.of(SPEC_SECRET);
    var h = headers(underTest.sign("e-1", Instant.now(), BODY));
    assertThat(underTest.refusal(BODY, h)).isEmpty();
    assertThat(underTest.refusal(BODY.replace("notice", "noticf"), h)).contains("webhook-signature: no signature made with a current secret");
  }

  @Test
  void duringARotationEveryListedSecretVerifiesAndTheFirstSigns() {
    var rotating = WebhookSigning.of(SPEC_SECRET + ", " + OLD);
    var byOldSender = headers(WebhookSigning.of(OLD).sign("e-2", Instant.now(), BODY));
    assertThat(rotating.refusal(BODY, byOldSender)).isEmpty();
    var byRotating = headers(rotating.sign("e-3", Instant.now(), BODY));
    assertThat(WebhookSigning.of(SPEC_SECRET).refusal(BODY, byRotating)).isEmpty();
    assertThat(WebhookSigning.of(OLD).refusal(BODY, byRotating)).isPresent();
  }

  @Test
  void aSenderMaySendSeveralSignaturesOfWhichOneMatches() {
    var underTest = WebhookSigning.of(SPEC_SECRET);
    var signed = new HashMap<>(WebhookSigning.of(OLD).sign("e-4", Instant.now(), BODY));
    String good = underTest.sign("e-4", Instant.ofEpochSecond(Long.parseLong(signed.get("webhook-timestamp"))), BODY).get("webhook-signature");
    signed.put("webhook-signature", signed.get("webhook-signature") + " " + good);
    assertThat(underTest.refusal(BODY, headers(signed))).isEmpty();
  }

  @Test
  void aTimestampMoreThanFiveMinutesOffOrMissingHeadersAreRefusedWithTheirReason() {
    var underTest = WebhookSigning.of(SPEC_SECRET);
    var stale = headers(underTest.sign("e-5", Instant.now().minus(Duration.ofMinutes(6)), BODY));
    assertThat(underTest.refusal(BODY, stale)).contains("webhook-timestamp: must be Unix seconds within 5 minutes of now");
    var future = headers(underTest.sign("e-6", Instant.now().plus(Duration.ofMinutes(6)), BODY));
    assertThat(underTest.refusal(BODY, future)).contains("webhook-timestamp: must be Unix seconds within 5 minutes of now");
    var missing = headers(underTest.sign("e-7", Instant.now(), BODY));
    missing.remove("webhook-id");
    assertThat(underTest.refusal(BODY, missing)).contains("webhook-id, webhook-timestamp, webhook-signature: all three headers are required");
  }

  @Test
  void aMalformedSecretIsNamedByItsPositionNeverByItsValue() {
    assertThatThrownBy(() -> WebhookSigning.of(SPEC_SECRET + ",whsec_short")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret 2: must be whsec_ followed by the base64 of at least 24 bytes");
    assertThatThrownBy(() -> WebhookSigning.of("hunter2")).hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> WebhookSigning.of(" , ")).hasMessage("secrets: at least one whsec_ secret is needed");
  }
}
