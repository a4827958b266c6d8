package org.sanwang.hub.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.community.EscalationPolicy;

/**
 * What every stage of an alert knows: who called and from where, the policy frozen when it was
 * raised, the presses (from which device or page), every notification with its outcome, and the
 * timeline. Immutable: each method returns the case with one more fact.
 */
public record AlertCase(
    String id,
    AlertFacts facts,
    EscalationPolicy policy,
    Instant raisedAt,
    int pressCount,
    List<String> devices,
    List<PressKey> recentPresses,
    int lastStep,
    int lastCycle,
    Map<String, Responders.Target> targets,
    Map<String, String> deliveries,
    List<TimelineEntry> timeline)
    implements CborSerializable {

  /** A device's numbered press, so that a redelivered one is recognised and not counted twice. */
  public record PressKey(String deviceId, long seq) implements CborSerializable {}

  static final int REMEMBERED_PRESSES = 64;

  static AlertCase raised(String id, AlertEntity.AlertRaised e) {
    String device = e.facts().deviceId();
    return new AlertCase(id, e.facts(), e.policy(), e.at(), 1, List.of(device), remember(List.of(), device, e.seq()), 0, 0,
        Map.of(), Map.of(), List.of(TimelineEntry.of(e.at(), "raised",
            e.facts().residentName() + "（" + e.facts().address() + "）按下了呼叫" + via(device, "（", "）"))));
  }

  boolean alreadyCounted(String deviceId, Long seq) {
    return seq != null && recentPresses.contains(new PressKey(deviceId, seq));
  }

  AlertCase pressed(AlertEntity.PressFolded e) {
    String device = e.deviceId();
    var pressedFrom = device == null || devices.contains(device) ? devices : append(devices, device);
    return new AlertCase(id, facts, policy, raisedAt, pressCount + 1, pressedFrom, remember(recentPresses, device, e.seq()),
        lastStep, lastCycle, targets, deliveries,
        append(timeline, TimelineEntry.of(e.at(), "press", "再次按下（第" + (pressCount + 1) + "次" + via(device, "，", "") + "）")));
  }

  AlertCase notified(AlertEntity.StepNotified e) {
    var entries = new ArrayList<>(timeline);
    entries.add(TimelineEntry.of(e.at(), "step", "升级第" + (e.step() + 1) + "步" + (e.cycle() > 0 ? "（第" + (e.cycle() + 1) + "轮）" : "")));
    e.emptyRoles().forEach(r -> entries.add(new TimelineEntry(e.at(), "empty_role", "无人担任 " + r + "，继续升级", null, null, r, null)));
    var sent = new HashMap<>(targets);
    for (var t : e.targets()) {
      sent.put(t.notificationId(), t);
      entries.add(new TimelineEntry(e.at(), "notified", t.role(), null, t.channel(), t.name(), null));
    }
    return new AlertCase(id, facts, policy, raisedAt, pressCount, devices, recentPresses, e.step() + 1, e.cycle() + 1,
        Map.copyOf(sent), deliveries, List.copyOf(entries));
  }

  AlertCase delivered(AlertEntity.DeliveryRecorded e) {
    var t = targets.get(e.notificationId());
    var outcomes = new HashMap<>(deliveries);
    outcomes.put(e.notificationId(), e.outcome());
    return new AlertCase(id, facts, policy, raisedAt, pressCount, devices, recentPresses, lastStep, lastCycle, targets,
        Map.copyOf(outcomes), append(timeline, new TimelineEntry(e.at(), e.outcome(), e.detail(), null, t.channel(), t.name(), e.attempt())));
  }

  /**
   * Whether this outcome is the first delivery into a responder's inbox: the moment the first
   * responder is notified. Family SMS and later deliveries do not count.
   */
  boolean firstInboxDelivery(String notificationId, String outcome) {
    var t = targets.get(notificationId);
    if (!"delivered".equals(outcome) || t == null || !Responders.Target.INBOX.equals(t.channel())) return false;
    return targets.values().stream()
        .noneMatch(o -> Responders.Target.INBOX.equals(o.channel()) && "delivered".equals(deliveries.get(o.notificationId())));
  }

  AlertCase noted(TimelineEntry entry) {
    return new AlertCase(id, facts, policy, raisedAt, pressCount, devices, recentPresses, lastStep, lastCycle, targets, deliveries,
        append(timeline, entry));
  }

  /** "呼叫器 dev-0001" or "手机页面", between {@code before} and {@code after}; empty when unknown. */
  private static String via(String deviceId, String before, String after) {
    if (deviceId == null) return "";
    return before + (deviceId.startsWith("phone-") ? "手机页面" : "呼叫器 " + deviceId) + after;
  }

  private static List<PressKey> remember(List<PressKey> keys, String deviceId, Long seq) {
    if (deviceId == null || seq == null) return keys;
    var out = new ArrayList<>(keys);
    out.add(new PressKey(deviceId, seq));
    while (out.size() > REMEMBERED_PRESSES) out.remove(0);
    return List.copyOf(out);
  }

  static <T> List<T> append(List<T> list, T item) {
    var out = new ArrayList<>(list);
    out.add(item);
    return List.copyOf(out);
  }
}
