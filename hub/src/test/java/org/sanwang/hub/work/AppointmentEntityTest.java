package org.sanwang.hub.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.hub.work.WorkFixtures.COMMUNITY;
import static org.sanwang.hub.work.WorkFixtures.LIU;
import static org.sanwang.hub.work.WorkFixtures.START;
import static org.sanwang.hub.work.WorkFixtures.ZHAO;
import static org.sanwang.hub.work.WorkFixtures.appointmentFacts;

import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.work.AppointmentEntity.Command;
import org.sanwang.hub.work.AppointmentEntity.Event;
import org.sanwang.hub.work.AppointmentEntity.State;

/** An appointment requested by the community network, accepted and completed in turn, or cancelled before it is done. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppointmentEntityTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  private MutableClock clock;
  private EventSourcedBehaviorTestKit<Command, Event, State> underTest;
  private String appointmentId;
  private int n;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    appointmentId = "appt-" + (++n);
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), AppointmentEntity.create(appointmentId, clock));
    underTest.clear();
  }

  private CommandResultWithReply<Command, Event, State, StatusReply<State>> run(
      Function<ActorRef<StatusReply<State>>, Command> command) {
    return underTest.runCommand(command);
  }

  private StatusReply<State> request() {
    return run(r -> new AppointmentEntity.Request(appointmentFacts(appointmentId), "community:1", r)).reply();
  }

  private StatusReply<State> accept() {
    return run(r -> new AppointmentEntity.Accept(LIU, null, r)).reply();
  }

  @Test
  void anAppointmentIsRequestedAcceptedAndCompletedInTurn() {
    var requested = request().getValue();
    assertThat(requested).isInstanceOf(AppointmentEntity.Requested.class);
    assertThat(requested.record().requestedAt()).isEqualTo(START);
    assertThat(requested.record().facts().service()).isEqualTo("代办医保");

    clock.advance(Duration.ofHours(1));
    var accepted = accept().getValue();
    assertThat(accepted.state()).isEqualTo("accepted");
    assertThat(accepted.record().acceptedBy()).isEqualTo(LIU);
    assertThat(accepted.record().acceptedAt()).isEqualTo(START.plus(Duration.ofHours(1)));

    clock.advance(Duration.ofHours(2));
    var completed = run(r -> new AppointmentEntity.Complete(LIU, "已办好", null, r));
    assertThat(completed.event()).isInstanceOf(AppointmentEntity.AppointmentCompleted.class);
    var done = (AppointmentEntity.Completed) completed.reply().getValue();
    assertThat(done.note()).isEqualTo("已办好");
    assertThat(done.completedAt()).isEqualTo(START.plus(Duration.ofHours(3)));
    assertThat(done.record().timeline()).extracting(WorkStep::what).containsExactly("requested", "accepted", "completed");
    assertThat(done.record().timeline().get(0).note()).isEqualTo("上午上门");
  }

  @Test
  void anAppointmentCannotBeCompletedBeforeItIsAccepted() {
    request();
    var result = run(r -> new AppointmentEntity.Complete(LIU, null, null, r));
    assertThat(result.reply().getError().getMessage()).contains("not accepted");
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(underTest.getState()).isInstanceOf(AppointmentEntity.Requested.class);
  }

  @Test
  void aSecondAcceptanceIsRefusedNamingWhoAcceptedIt() {
    request();
    accept();
    var result = run(r -> new AppointmentEntity.Accept(ZHAO, null, r));
    assertThat(result.reply().getError().getMessage()).isEqualTo("already accepted by 刘建国");
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void aCompletedAppointmentTakesNoMoreActions() {
    request();
    accept();
    run(r -> new AppointmentEntity.Complete(LIU, null, null, r));
    var cancel = run(r -> new AppointmentEntity.Cancel(COMMUNITY, null, null, r));
    assertThat(cancel.reply().getError().getMessage()).contains("completed");
    assertThat(cancel.hasNoEvents()).isTrue();
    var again = run(r -> new AppointmentEntity.Complete(LIU, null, null, r));
    assertThat(again.reply().getError().getMessage()).contains("completed");
  }

  @Test
  void aRequestedAppointmentMayBeCancelledAndThenTakesNoMoreActions() {
    request();
    clock.advance(Duration.ofMinutes(30));
    var cancelled = run(r -> new AppointmentEntity.Cancel(COMMUNITY, "居民取消", "community:2", r)).reply().getValue();
    assertThat(cancelled).isInstanceOf(AppointmentEntity.Cancelled.class);
    assertThat(((AppointmentEntity.Cancelled) cancelled).by()).isEqualTo(COMMUNITY);
    assertThat(((AppointmentEntity.Cancelled) cancelled).cancelledAt()).isEqualTo(START.plus(Duration.ofMinutes(30)));
    var accept = run(r -> new AppointmentEntity.Accept(LIU, null, r));
    assertThat(accept.reply().getError().getMessage()).contains("cancelled");
    assertThat(accept.hasNoEvents()).isTrue();
  }

  @Test
  void anAcceptedAppointmentMayStillBeCancelledByStaff() {
    request();
    accept();
    var cancelled = run(r -> new AppointmentEntity.Cancel(ZHAO, "改期", null, r)).reply().getValue();
    assertThat(cancelled.state()).isEqualTo("cancelled");
    assertThat(cancelled.record().timeline()).extracting(WorkStep::what).containsExactly("requested", "accepted", "cancelled");
  }

  @Test
  void theSameNetworkChangeAppliedTwiceIsStoredOnce() {
    request();
    var again = run(r -> new AppointmentEntity.Request(appointmentFacts(appointmentId), "community:1", r));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().isSuccess()).isTrue();

    var first = run(r -> new AppointmentEntity.Cancel(COMMUNITY, null, "community:2", r));
    assertThat(first.events()).hasSize(1);
    var repeat = run(r -> new AppointmentEntity.Cancel(COMMUNITY, null, "community:2", r));
    assertThat(repeat.hasNoEvents()).isTrue();
    assertThat(repeat.reply().getValue()).isEqualTo(first.reply().getValue());

    var other = run(r -> new AppointmentEntity.Request(appointmentFacts(appointmentId), "community:3", r));
    assertThat(other.reply().getError().getMessage()).contains("already requested");
  }

  @Test
  void aRestartKeepsTheAppointment() {
    request();
    accept();
    var before = underTest.getState();
    assertThat(underTest.restart().state()).isEqualTo(before);
    assertThat(run(r -> new AppointmentEntity.Complete(LIU, null, null, r)).reply().getValue().state()).isEqualTo("completed");
  }

  @Test
  void anActionOnAnAppointmentNeverRequestedIsAnsweredNoSuchAppointment() {
    var result = run(r -> new AppointmentEntity.Accept(LIU, null, r));
    assertThat(result.reply().getError().getMessage()).isEqualTo(AppointmentEntity.NO_SUCH_APPOINTMENT);
    assertThat(result.hasNoEvents()).isTrue();
  }
}
