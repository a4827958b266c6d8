package org.sanwang.hub.work;

import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.Sender;
import org.sanwang.hub.inbox.InboxEntity;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.org.OrgDirectory;

/**
 * Tells people of a change, after the entity made it durable ({@link WorkNotices} decides who and what).
 * A notice lost to a crash between the write and the telling is not sent again; the change itself is
 * kept, and the lists, boards and inbox-independent SSE stream show it.
 */
public interface WorkNotifier {
  WorkNotifier NONE = new WorkNotifier() {};

  default void caseChanged(CaseEntity.State after, CaseEntity.Event event) {}

  default void wishChanged(WishEntity.State after, WishEntity.Event event) {}

  default void appointmentChanged(AppointmentEntity.State after, AppointmentEntity.Event event) {}

  /** The hub's own voice in the groups. */
  Sender HUB = new Sender("sanwang-hub", "三网枢纽", "system");

  /** The production notifier: group posts and inbox deliveries through the sharded entities. */
  static WorkNotifier sharded(ActorSystem<?> system, OrgDirectory directory) {
    return new WorkNotifier() {
      @Override
      public void caseChanged(CaseEntity.State after, CaseEntity.Event event) {
        send(WorkNotices.ofCase(directory.index(), after, event));
      }

      @Override
      public void wishChanged(WishEntity.State after, WishEntity.Event event) {
        send(WorkNotices.ofWish(directory.index(), after, event));
      }

      @Override
      public void appointmentChanged(AppointmentEntity.State after, AppointmentEntity.Event event) {
        send(WorkNotices.ofAppointment(directory.index(), after, event));
      }

      private void send(List<WorkNotices.Notice> notices) {
        var sharding = ClusterSharding.get(system);
        for (var n : notices) {
          if (n instanceof WorkNotices.ToGroup g)
            sharding.entityRefFor(GroupEntity.ENTITY_KEY, g.groupId())
                .tell(new GroupEntity.PostMessage(HUB, "hub", "notice", g.text(), g.clientMsgId(), system.ignoreRef()));
          else if (n instanceof WorkNotices.ToInbox i)
            sharding.entityRefFor(InboxEntity.ENTITY_KEY, i.personId()).tell(new InboxEntity.Deliver(i.kind(), i.title(), i.body(),
                new InboxItem.Ref(i.refType(), i.refId()), system.ignoreRef()));
        }
      }
    };
  }
}
