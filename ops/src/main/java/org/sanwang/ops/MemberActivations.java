package org.sanwang.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.connectors.core.MemberActivation;
import org.sanwang.hub.access.Activations;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.org.OrgTree;

/**
 * 双报到: a new member's one-time activation link (valid 72 hours), by SMS through the dispatcher
 * (retried like every notification). The token is only in the SMS; the hub keeps its hash.
 */
final class MemberActivations implements MemberActivation {
  private final ActorSystem<?> system;
  private final ActorRef<Dispatcher.Command> dispatcher;
  private final String publicUrl;
  private final Clock clock;
  private final Duration timeout;

  MemberActivations(ActorSystem<?> system, ActorRef<Dispatcher.Command> dispatcher, String publicUrl, Clock clock, Duration timeout) {
    this.system = system;
    this.dispatcher = dispatcher;
    this.publicUrl = publicUrl;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Done> send(OrgTree.Person person, String community) {
    String token = Activations.newToken();
    var now = clock.instant();
    var link = new Activations.Link(person.id(), person.username(), community, now, now.plus(Activations.VALID_FOR), null);
    return ClusterSharding.get(system).entityRefFor(Activations.ENTITY_KEY, Activations.idOf(token))
        .<Activations.Link>ask(r -> new Activations.Issue(link, r), timeout)
        .thenApply(issued -> {
          String url = publicUrl + "/app/#/activate/" + token;
          String body = person.name() + "同志，您已向社区报到。请在72小时内打开链接设置密码，登录名为" + person.username() + "：" + url;
          dispatcher.tell(new Dispatcher.Dispatch(new Notification("activation-" + Activations.idOf(token).substring(0, 16), "sms",
              person.id(), person.phone(), "activation", "【三网枢纽】双报到激活", body, new InboxItem.Ref("activation", person.id())),
              system.ignoreRef()));
          return Done.getInstance();
        });
  }
}
