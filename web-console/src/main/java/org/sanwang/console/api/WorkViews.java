package org.sanwang.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.work.AppointmentEntity;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.CaseView;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.WorkStep;

/** Cases, wishes and appointments as the API shows them (records of their own, never the entities' states). */
public final class WorkViews {
  private WorkViews() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record By(String id, String name) {
    static By of(Actor a) {
      return a == null ? null : new By(a.id(), a.name());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(Instant at, String what, By by, String note, String level, Instant deadline, Integer rating, Boolean auto) {
    static Step of(WorkStep s) {
      return new Step(s.at(), s.what(), By.of(s.by()), s.note(), s.level(), s.deadline(), s.rating(), s.auto() ? true : null);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resolution(String note, List<String> photos, By by, Instant at) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CaseItem(String id, String category, String description, String location, String level, String state, boolean overdue,
      Instant deadline, String building, String buildingName, String grid, String community, String communityName, String origin,
      By reportedBy, String reporterName, String reporterPhone, List<String> photos, By acceptedBy, Instant acceptedAt,
      Resolution resolution, Integer rating, Instant reportedAt, Instant closedAt, List<Step> timeline) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WishItem(String id, String title, String detail, String building, String buildingName, String community,
      String communityName, String residentId, String residentName, String phone, int points, String state, String origin,
      By postedBy, Instant postedAt, By claimedBy, Instant claimedAt, Instant fulfilledAt, String fulfilNote, By confirmedBy,
      Instant confirmedAt, Integer rating, Instant cancelledAt, List<Step> timeline) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AppointmentItem(String id, String residentId, String residentName, String building, String buildingName,
      String community, String service, Instant at, String note, String state, Instant requestedAt, By acceptedBy,
      Instant acceptedAt, Instant completedAt, String completedNote, Instant cancelledAt, List<Step> timeline) {}

  /** A photo of the hub's own is served by the hub; a network's photo is its URL as sent. */
  static List<String> photoUrls(List<String> photos) {
    return photos.stream().map(p -> p.startsWith("http://") || p.startsWith("https://") ? p : "/api/v1/photos/" + p).toList();
  }

  public static CaseItem of(OrgIndex org, CaseEntity.State s, Instant now, boolean withTimeline) {
    var r = CaseEntity.record(s);
    var f = r.facts();
    var resolution = s instanceof CaseEntity.Resolved res ? res.resolution()
        : s instanceof CaseEntity.Closed c ? c.resolution() : null;
    return new CaseItem(f.caseId(), f.category(), f.description(), f.location(), r.level().name(), s.state(), CaseView.overdue(s, now),
        CaseView.deadline(s), f.building(), name(org, f.building()), f.grid(), f.community(), name(org, f.community()), f.origin(),
        By.of(f.reportedBy()), f.reporterName(), masked(f.reporterPhone()), photoUrls(f.photos()), By.of(r.acceptedBy()),
        r.acceptedAt(), resolution == null ? null
            : new Resolution(resolution.note(), photoUrls(resolution.photos()), By.of(resolution.by()), resolution.at()),
        s instanceof CaseEntity.Closed c ? c.rating() : null, r.reportedAt(),
        s instanceof CaseEntity.Closed c ? c.closedAt() : null, withTimeline ? steps(r.timeline()) : null);
  }

  public static WishItem of(OrgIndex org, WishEntity.State s, boolean withTimeline) {
    var r = s.record();
    var f = r.facts();
    Instant fulfilledAt = s instanceof WishEntity.Fulfilled x ? x.fulfilledAt() : s instanceof WishEntity.Confirmed c ? c.fulfilledAt() : null;
    String fulfilNote = s instanceof WishEntity.Fulfilled x ? x.note() : null;
    return new WishItem(f.wishId(), f.title(), f.detail(), f.building(), name(org, f.building()), f.community(),
        name(org, f.community()), f.residentId(), f.residentName(), masked(f.phone()), f.points(), s.state(), f.origin(),
        By.of(f.postedBy()), r.postedAt(), By.of(r.claimedBy()), r.claimedAt(), fulfilledAt, fulfilNote,
        s instanceof WishEntity.Confirmed c ? By.of(c.confirmedBy()) : null, s instanceof WishEntity.Confirmed c ? c.confirmedAt() : null,
        s instanceof WishEntity.Confirmed c ? c.rating() : null, s instanceof WishEntity.Cancelled c ? c.cancelledAt() : null,
        withTimeline ? steps(r.timeline()) : null);
  }

  public static AppointmentItem of(OrgIndex org, AppointmentEntity.State s, boolean withTimeline) {
    var r = s.record();
    var f = r.facts();
    return new AppointmentItem(f.appointmentId(), f.residentId(), f.residentName(), f.building(), name(org, f.building()),
        f.community(), f.service(), f.at(), f.note(), s.state(), r.requestedAt(), By.of(r.acceptedBy()), r.acceptedAt(),
        s instanceof AppointmentEntity.Completed c ? c.completedAt() : null, s instanceof AppointmentEntity.Completed c ? c.note() : null,
        s instanceof AppointmentEntity.Cancelled c ? c.cancelledAt() : null, withTimeline ? steps(r.timeline()) : null);
  }

  private static List<Step> steps(List<WorkStep> timeline) {
    return timeline.stream().map(Step::of).toList();
  }

  private static String name(OrgIndex org, String code) {
    return code == null ? null : org.nameOf(code).orElse(null);
  }

  /** 13812345678 → 138****5678: enough to recognise, not enough to call. */
  static String masked(String phone) {
    if (phone == null) return null;
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() == 13 && digits.startsWith("86")) digits = digits.substring(2); // +86 138…: the number after the country code
    return digits.length() < 7 ? "****" : digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
  }
}
