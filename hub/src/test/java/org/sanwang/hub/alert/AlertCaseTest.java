package org.sanwang.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which delivery notifies the first responder (the end of {@code sanwang_alert_time_to_notify_seconds}). */
class AlertCaseTest {
  static final Responders.Target WANG = new Responders.Target("a-0-0-1", Responders.Target.INBOX, "p-001", "王芳", "building_head", null);
  static final Responders.Target LI = new Responders.Target("a-0-0-2", Responders.Target.INBOX, "p-002", "李强", "unit_head", null);
  static final Responders.Target DAUGHTER = new Responders.Target("a-0-0-3", Responders.Target.SMS, null, "李娜", "family", "+8613900000001");

  static AlertCase withDeliveries(Map<String, String> deliveries) {
    return new AlertCase("a", null, null, Instant.parse("2026-11-21T08:00:00Z"), 1, List.of("dev-0001"), List.of(), 1, 1,
        Map.of(WANG.notificationId(), WANG, LI.notificationId(), LI, DAUGHTER.notificationId(), DAUGHTER), deliveries, List.of());
  }

  @Test
  void theFirstInboxDeliveredIsTheFirstResponderNotified() {
    assertThat(withDeliveries(Map.of()).firstInboxDelivery(WANG.notificationId(), "delivered")).isTrue();
  }

  @Test
  void aSecondResponderReachedLaterDoesNotCountAgain() {
    var underTest = withDeliveries(Map.of(WANG.notificationId(), "delivered"));
    assertThat(underTest.firstInboxDelivery(LI.notificationId(), "delivered")).isFalse();
    assertThat(underTest.firstInboxDelivery(WANG.notificationId(), "delivered")).as("a resent notification").isFalse();
  }

  @Test
  void familySmsAndFailedAttemptsAreNotANotifiedResponder() {
    var underTest = withDeliveries(Map.of(DAUGHTER.notificationId(), "delivered", WANG.notificationId(), "failed"));
    assertThat(underTest.firstInboxDelivery(DAUGHTER.notificationId(), "delivered")).isFalse();
    assertThat(underTest.firstInboxDelivery(LI.notificationId(), "failed")).isFalse();
    assertThat(underTest.firstInboxDelivery(WANG.notificationId(), "delivered")).as("delivered on a retry").isTrue();
  }

  @Test
  void aNotificationTheAlertDidNotSendIsNotCounted() {
    assertThat(withDeliveries(Map.of()).firstInboxDelivery("other", "delivered")).isFalse();
  }
}
