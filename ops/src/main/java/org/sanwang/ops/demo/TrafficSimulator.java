package org.sanwang.ops.demo;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.Sender;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.Role;

/**
 * Keeps the demo alive: posts plausible building-group chat at a configured rate, as the
 * building's heads and residents, through the same group entities the API uses. What the three
 * networks send comes from outside, as in production: {@code ops/netsim} signs and pushes it.
 */
public final class TrafficSimulator {
  static final String[] CHAT = {
    "今天下午三点楼下有免费量血压，请老人们按时参加。", "3单元楼道灯坏了，已报物业维修。", "明天上午停水两小时，请提前储水。",
    "谁家的快递放在门口了？请及时取走。", "王奶奶今天身体不舒服，我下午去看看她。", "社区志愿者周六来打扫楼道，欢迎参加。",
    "楼下电动车不要在楼道充电，注意安全！", "李大爷的降压药快吃完了，谁去药店帮忙带一下？", "今晚有大风，请关好门窗。",
    "垃圾分类宣传单已放在各单元信箱。", "暖气试水期间请家里留人。", "已帮张奶奶交了电费，收据放她家门口了。",
    "单元门禁坏了，已联系网格员。", "微心愿：刘奶奶想要一台收音机，有认领的吗？", "收到，谢谢楼长！", "好的，我马上下楼看看。"};

  private record Tick() {}

  private TrafficSimulator() {}

  public static Behavior<Tick> create(OrgDirectory directory, double perSecond) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      var rnd = new Random();
      long periodMicros = (long) (1_000_000 / perSecond);
      timers.startTimerAtFixedRate(new Tick(), Duration.ofNanos(periodMicros * 1000));
      var sharding = ClusterSharding.get(ctx.getSystem());
      return Behaviors.receiveMessage(tick -> {
        var tree = directory.index().tree();
        if (tree.buildings().isEmpty()) return Behaviors.same();
        List<String> codes = List.copyOf(tree.buildings().keySet());
        String building = codes.get(rnd.nextInt(codes.size()));
        var index = directory.index();
        Sender sender;
        var residents = index.residentsOf(building);
        if (!residents.isEmpty() && rnd.nextInt(3) == 0) {
          var r = residents.get(rnd.nextInt(residents.size()));
          sender = new Sender(r.id(), r.name(), Role.resident.name());
        } else {
          var heads = index.holders(rnd.nextBoolean() ? Role.building_head : Role.online_building_head, building);
          if (heads.isEmpty()) return Behaviors.same();
          var p = heads.get(0);
          sender = new Sender(p.id(), p.name(), p.roles().get(0).role());
        }
        sharding.entityRefFor(GroupEntity.ENTITY_KEY, building)
            .tell(new GroupEntity.PostMessage(sender, "hub", "chat", CHAT[rnd.nextInt(CHAT.length)], null,
                ctx.getSystem().ignoreRef()));
        return Behaviors.same();
      });
    }));
  }

  public static void start(ActorSystem<?> system, OrgDirectory directory, double perSecond) {
    if (perSecond <= 0) return;
    system.systemActorOf(create(directory, perSecond), "traffic-simulator", org.apache.pekko.actor.typed.Props.empty());
  }
}
