package org.sanwang.hub.work;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Party members' points from confirmed wishes (pure): each confirmed wish's points go to the member who claimed it. */
public final class Points {
  private Points() {}

  public record Member(String personId, String name, String community, int points, int wishes) {}

  public record Community(String code, int total, int wishes) {}

  public record Totals(List<Community> communities, List<Member> members) {}

  public static Totals of(Collection<WishEntity.State> wishes) {
    Map<String, Member> members = new LinkedHashMap<>();
    Map<String, Community> communities = new TreeMap<>();
    for (var s : wishes) {
      if (!(s instanceof WishEntity.Confirmed c) || c.record().claimedBy() == null) continue;
      var member = c.record().claimedBy();
      var facts = c.record().facts();
      String key = member.id() + "@" + facts.community();
      members.merge(key, new Member(member.id(), member.name(), facts.community(), facts.points(), 1),
          (a, b) -> new Member(a.personId(), a.name(), a.community(), a.points() + b.points(), a.wishes() + 1));
      communities.merge(facts.community(), new Community(facts.community(), facts.points(), 1),
          (a, b) -> new Community(a.code(), a.total() + b.total(), a.wishes() + 1));
    }
    var ranked = members.values().stream()
        .sorted(Comparator.comparingInt(Member::points).reversed().thenComparing(Member::personId)).toList();
    return new Totals(List.copyOf(communities.values()), ranked);
  }
}
