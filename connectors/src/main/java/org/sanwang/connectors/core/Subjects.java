package org.sanwang.connectors.core;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.org.OrgTree;

/**
 * How a network's ids meet the hub's: an org code the hub knows is itself; another id is looked up
 * in the network's mappings ({@code PUT …/mappings/{externalId}}). People: a mapped person id, then
 * the hub's own id, then the phone number.
 */
public record Subjects(OrgIndex index, Map<String, NetworkStore.Mapping> mappings) {

  /** The hub code {@code id} names, or why it names none. */
  public Resolved code(String field, String id) {
    if (index.exists(id)) return new Resolved(Optional.of(id), null);
    var mapped = mappings.get(id);
    if (mapped != null && mapped.code().isPresent()) {
      String code = mapped.code().get();
      return index.exists(code) ? new Resolved(Optional.of(code), null)
          : new Resolved(Optional.empty(), Reason.unknownCode(field, code));
    }
    return new Resolved(Optional.empty(), field.equals("subject") ? Reason.unmappedSubject(id) : Reason.unknownCode(field, id));
  }

  /** A code, or the reason it could not be had. */
  public record Resolved(Optional<String> code, Reason reason) {}

  public Optional<Codes.Level> level(String code) {
    return index.levelIfKnown(code);
  }

  /** A resident id as the hub knows it: mapped from the network's person id when there is a mapping. */
  public String residentId(String id) {
    var mapped = mappings.get(id);
    return mapped != null && mapped.personId().isPresent() ? mapped.personId().get() : id;
  }

  /** A person (staff, member) by the network's person id, the hub's id, or the phone number. */
  public Optional<OrgTree.Person> person(String id, String phone) {
    var mapped = mappings.get(id);
    if (mapped != null && mapped.personId().isPresent()) return index.person(mapped.personId().get());
    var direct = index.person(id);
    if (direct.isPresent() || phone == null) return direct;
    return index.tree().people().values().stream().filter(p -> phone.equals(p.phone())).findFirst();
  }

  /** The code and every code below it (grids, buildings, units), the code first. */
  public List<String> withDescendants(String code) {
    var out = new ArrayList<String>();
    var todo = new ArrayDeque<String>(List.of(code));
    while (!todo.isEmpty()) {
      var c = todo.poll();
      if (out.contains(c)) continue;
      out.add(c);
      todo.addAll(index.children(c));
    }
    return out;
  }
}
