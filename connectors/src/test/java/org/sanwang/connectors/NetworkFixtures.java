package org.sanwang.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sanwang.connectors.core.CloudEventsReader;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.NetworkStore;
import org.sanwang.connectors.core.Reason;
import org.sanwang.connectors.core.Subjects;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.RoleGrant;

/**
 * A small district for the networks' mapper tests, built as an {@link OrgTree} directly (hub's
 * {@code OrgFixtures} is a test class of hub, and the importer hashes passwords, slowly): two streets,
 * three communities, their grids and buildings, role holders at every level and two residents.
 */
public final class NetworkFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String DISTRICT = "130803";
  public static final String STREET = "130803001";
  public static final String OTHER_STREET = "130803002";
  /** 双安社区: buildings B07 (3 units) and B08 (2 units), grid G01 over both. */
  public static final String SHUANGAN = "130803001001";
  public static final String B07 = SHUANGAN + "-B07";
  public static final String B08 = SHUANGAN + "-B08";
  public static final String G01 = SHUANGAN + "-G01";
  /** 西地社区, in the same street: buildings B01 and B02. */
  public static final String XIDI = "130803001002";
  public static final String XIDI_B01 = XIDI + "-B01";
  public static final String XIDI_B02 = XIDI + "-B02";
  /** 东山社区, in the other street: building B01. */
  public static final String DONGSHAN = "130803002001";
  public static final String DONGSHAN_B01 = DONGSHAN + "-B01";

  private NetworkFixtures() {}

  public static OrgTree tree() {
    var districts = Map.of(DISTRICT, new OrgTree.DistrictNode(DISTRICT, "双滦区"));
    var streets = Map.of(
        STREET, new OrgTree.StreetNode(STREET, "元宝山街道", DISTRICT),
        OTHER_STREET, new OrgTree.StreetNode(OTHER_STREET, "偏桥子街道", DISTRICT));
    var communities = Map.of(
        SHUANGAN, new OrgTree.CommunityNode(SHUANGAN, "双安社区", STREET),
        XIDI, new OrgTree.CommunityNode(XIDI, "西地社区", STREET),
        DONGSHAN, new OrgTree.CommunityNode(DONGSHAN, "东山社区", OTHER_STREET));
    var grids = Map.of(G01, new OrgTree.GridNode(G01, "第一网格", SHUANGAN, List.of(B07, B08)));
    var buildings = byKey(OrgTree.BuildingNode::code,
        new OrgTree.BuildingNode(B07, "7号楼", SHUANGAN, 3),
        new OrgTree.BuildingNode(B08, "8号楼", SHUANGAN, 2),
        new OrgTree.BuildingNode(XIDI_B01, "1号楼", XIDI, 2),
        new OrgTree.BuildingNode(XIDI_B02, "2号楼", XIDI, 1),
        new OrgTree.BuildingNode(DONGSHAN_B01, "1号楼", DONGSHAN, 2));
    var people = byKey(OrgTree.Person::id,
        person("p-001", "王芳", "+8613800000001", "building_head", B07),
        person("p-002", "赵强", "+8613800000002", "grid_member", G01),
        person("p-003", "孙丽", "+8613800000003", "community_duty", SHUANGAN),
        person("p-004", "周杰", "+8613800000004", "street_command", STREET),
        person("p-005", "吴敏", "+8613800000005", "building_head", B08),
        person("p-006", "郑平", "+8613800000006", "unit_head", B07 + "-U2"),
        person("p-007", "陈红", "+8613800000007", "party_member", SHUANGAN),
        person("p-008", "刘军", "+8613800000008", "party_member", XIDI),
        person("p-009", "黄海", "+8613800000009", "party_member", DONGSHAN),
        person("p-010", "林静", "+8613800000010", "building_head", XIDI_B01),
        person("p-011", "何伟", "+8613800000011", "street_command", OTHER_STREET));
    var residents = byKey(OrgTree.Resident::id,
        new OrgTree.Resident("r-001", "李大爷", B07, 2, "302", List.of("living_alone"),
            List.of(new OrgTree.Contact("李娜", "daughter", "+8613900000001")), List.of(new OrgTree.Device("dev-0001", "hash"))),
        new OrgTree.Resident("r-002", "张奶奶", XIDI_B01, 1, "101", List.of(), List.of(), List.of()));
    return new OrgTree(districts, streets, communities, grids, buildings, people, residents);
  }

  public static OrgIndex index() {
    return new OrgIndex(tree());
  }

  /** The organisation with no mappings. */
  public static Subjects subjects() {
    return new Subjects(index(), Map.of());
  }

  /** The organisation with these mappings. */
  public static Subjects subjects(NetworkStore.Mapping... mappings) {
    return subjects(tree(), mappings);
  }

  /** The district with these people added (or replaced by id), such as a member a 双报到 made. */
  public static OrgTree treeWith(OrgTree.Person... people) {
    var t = tree();
    var all = new HashMap<>(t.people());
    for (var p : people) all.put(p.id(), p);
    return new OrgTree(t.districts(), t.streets(), t.communities(), t.grids(), t.buildings(), all, t.residents());
  }

  /** This organisation with these mappings. */
  public static Subjects subjects(OrgTree tree, NetworkStore.Mapping... mappings) {
    return new Subjects(new OrgIndex(tree), Arrays.stream(mappings).collect(Collectors.toMap(NetworkStore.Mapping::externalId, m -> m)));
  }

  /** A person holding one role. */
  public static OrgTree.Person person(String id, String name, String phone, String role, String scope) {
    return new OrgTree.Person(id, name, phone, List.of(new RoleGrant(role, scope)), null, null);
  }

  /** The network's id {@code externalId} names the hub code {@code code}. */
  public static NetworkStore.Mapping codeMapping(String externalId, String code) {
    return new NetworkStore.Mapping(externalId, Optional.of(code), Optional.empty(), Instant.EPOCH, "test");
  }

  /** The network's person id {@code externalId} is the hub's person or resident {@code personId}. */
  public static NetworkStore.Mapping personMapping(String externalId, String personId) {
    return new NetworkStore.Mapping(externalId, Optional.empty(), Optional.of(personId), Instant.EPOCH, "test");
  }

  /** A CloudEvent as the network sends it, read at the door as the edge reads it. */
  public static InboundEvent event(Network network, String type, String subject, String dataJson) {
    try {
      var node = JSON.createObjectNode()
          .put("specversion", "1.0")
          .put("id", "e-" + Math.abs((type + subject + dataJson).hashCode()))
          .put("source", "urn:" + network.id() + ":test")
          .put("type", type)
          .put("subject", subject);
      node.set("data", JSON.readTree(dataJson));
      return CloudEventsReader.one(network, JSON.writeValueAsString(node), CloudEventsReader.TextCheck.NONE);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The reason a decision quarantined its event; fails the test when the event applied. */
  public static Reason reasonOf(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Quarantine.class);
    return ((Decision.Quarantine) decision).reason();
  }

  /** The effects of a decision that applied; fails the test when the event was quarantined. */
  public static List<Decision.Effect> effectsOf(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Apply.class);
    return ((Decision.Apply) decision).effects();
  }

  @SafeVarargs
  private static <V> Map<String, V> byKey(Function<V, String> key, V... values) {
    var out = new HashMap<String, V>();
    for (var v : values) out.put(key.apply(v), v);
    return out;
  }
}
