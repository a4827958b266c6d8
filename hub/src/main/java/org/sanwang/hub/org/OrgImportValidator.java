package org.sanwang.hub.org;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole import document against itself and the tree already known, and names every bad
 * path. An import with any error is refused whole.
 */
public final class OrgImportValidator {
  static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,64}");
  static final Set<String> FLAGS =
      Set.of("living_alone", "over_85", "no_support", "left_behind_child", "disabled", "check_in");
  static final int MIN_PASSWORD = 10;
  static final int MIN_DEVICE_SECRET = 16;

  private final OrgTree known;
  private final List<FieldError> errors = new ArrayList<>();
  private final Map<String, Integer> buildingUnits = new HashMap<>();
  private final Set<String> codes = new HashSet<>();

  private OrgImportValidator(OrgTree known) {
    this.known = known;
  }

  public static List<FieldError> validate(OrgImport doc, OrgTree known) {
    var v = new OrgImportValidator(known);
    v.check(doc);
    return List.copyOf(v.errors);
  }

  private void check(OrgImport doc) {
    known.buildings().values().forEach(b -> buildingUnits.put(b.code(), b.units()));
    for (int d = 0; d < doc.districts().size(); d++) district(doc.districts().get(d), "districts[" + d + "]");
    Set<String> ids = new HashSet<>();
    Set<String> usernames = new HashSet<>();
    for (int p = 0; p < doc.people().size(); p++) person(doc.people().get(p), "people[" + p + "]", ids, usernames);
    Set<String> residentIds = new HashSet<>();
    Set<String> devices = new HashSet<>();
    for (int r = 0; r < doc.residents().size(); r++)
      resident(doc.residents().get(r), "residents[" + r + "]", residentIds, devices);
  }

  private void district(OrgImport.District d, String path) {
    if (d == null) { error(path, "must be an object"); return; }
    code(d.code(), Codes.Level.DISTRICT, path + ".code");
    name(d.name(), path + ".name");
    for (int s = 0; s < d.streets().size(); s++) {
      var street = d.streets().get(s);
      String sp = path + ".streets[" + s + "]";
      if (street == null) { error(sp, "must be an object"); continue; }
      if (code(street.code(), Codes.Level.STREET, sp + ".code") && d.code() != null && !street.code().startsWith(d.code()))
        error(sp + ".code", "street " + street.code() + " is not inside district " + d.code());
      name(street.name(), sp + ".name");
      for (int c = 0; c < street.communities().size(); c++)
        community(street.communities().get(c), street.code(), sp + ".communities[" + c + "]");
    }
  }

  private void community(OrgImport.Community c, String street, String path) {
    if (c == null) { error(path, "must be an object"); return; }
    if (code(c.code(), Codes.Level.COMMUNITY, path + ".code") && street != null && !c.code().startsWith(street))
      error(path + ".code", "community " + c.code() + " is not inside street " + street);
    name(c.name(), path + ".name");
    for (int b = 0; b < c.buildings().size(); b++) {
      var building = c.buildings().get(b);
      String bp = path + ".buildings[" + b + "]";
      if (building == null) { error(bp, "must be an object"); continue; }
      if (code(building.code(), Codes.Level.BUILDING, bp + ".code") && c.code() != null
          && !Codes.communityOf(building.code()).equals(c.code()))
        error(bp + ".code", "building " + building.code() + " is not inside community " + c.code());
      name(building.name(), bp + ".name");
      if (building.units() == null || building.units() < 1 || building.units() > 99)
        error(bp + ".units", "must be a whole number from 1 to 99");
      else if (building.code() != null) buildingUnits.put(building.code(), building.units());
    }
    for (int g = 0; g < c.grids().size(); g++) {
      var grid = c.grids().get(g);
      String gp = path + ".grids[" + g + "]";
      if (grid == null) { error(gp, "must be an object"); continue; }
      if (code(grid.code(), Codes.Level.GRID, gp + ".code") && c.code() != null
          && !Codes.communityOf(grid.code()).equals(c.code()))
        error(gp + ".code", "grid " + grid.code() + " is not inside community " + c.code());
      name(grid.name(), gp + ".name");
      for (int b = 0; b < grid.buildings().size(); b++) {
        String building = grid.buildings().get(b);
        if (!buildingUnits.containsKey(building))
          error(gp + ".buildings[" + b + "]", "unknown building " + building + " (list it under the community's buildings)");
        else if (c.code() != null && !Codes.communityOf(building).equals(c.code()))
          error(gp + ".buildings[" + b + "]", "building " + building + " is not inside community " + c.code());
      }
    }
  }

  private void person(OrgImport.PersonSpec p, String path, Set<String> ids, Set<String> usernames) {
    if (p == null) { error(path, "must be an object"); return; }
    if (p.id() == null || !ID.matcher(p.id()).matches()) error(path + ".id", "must be 1-64 letters, digits or _.:-");
    else if (!ids.add(p.id())) error(path + ".id", "duplicate person id " + p.id());
    name(p.name(), path + ".name");
    if (p.phone() != null && !PHONE.matcher(p.phone()).matches()) error(path + ".phone", "must be a phone number like +8613800000001");
    for (int r = 0; r < p.roles().size(); r++) {
      var grant = p.roles().get(r);
      String rp = path + ".roles[" + r + "]";
      if (grant == null) { error(rp, "must be an object"); continue; }
      var role = Role.parse(grant.role());
      if (role.isEmpty()) { error(rp + ".role", "unknown role " + grant.role()); continue; }
      if (role.get() == Role.admin) { error(rp + ".role", "admin is built in and cannot be imported"); continue; }
      var level = role.get().scopeLevel();
      if (!Codes.is(grant.scope(), level))
        error(rp + ".scope", role.get() + " needs a " + level.name().toLowerCase() + " code, got " + grant.scope());
      else if (!exists(grant.scope())) error(rp + ".scope", "unknown org code " + grant.scope());
    }
    if (p.login() != null) {
      var login = p.login();
      if (login.username() == null || !USERNAME.matcher(login.username()).matches())
        error(path + ".login.username", "must be 3-64 letters, digits or _.-");
      else if (login.username().equals("admin")) error(path + ".login.username", "admin is reserved");
      else if (!usernames.add(login.username())) error(path + ".login.username", "duplicate username " + login.username());
      else {
        var holder = known.people().values().stream().filter(k -> login.username().equals(k.username())).findFirst();
        if (holder.isPresent() && !holder.get().id().equals(p.id()))
          error(path + ".login.username", "username " + login.username() + " belongs to another person");
      }
      if (login.password() == null || login.password().length() < MIN_PASSWORD)
        error(path + ".login.password", "must be at least " + MIN_PASSWORD + " characters");
    }
  }

  private void resident(OrgImport.ResidentSpec r, String path, Set<String> ids, Set<String> devices) {
    if (r == null) { error(path, "must be an object"); return; }
    if (r.id() == null || !ID.matcher(r.id()).matches()) error(path + ".id", "must be 1-64 letters, digits or _.:-");
    else if (!ids.add(r.id())) error(path + ".id", "duplicate resident id " + r.id());
    name(r.name(), path + ".name");
    Integer units = r.building() == null ? null : buildingUnits.get(r.building());
    if (units == null) error(path + ".building", "unknown building " + r.building());
    else if (r.unit() == null || r.unit() < 1 || r.unit() > units)
      error(path + ".unit", "must be a unit of " + r.building() + " (1 to " + units + ")");
    if (r.room() == null || r.room().isBlank() || r.room().length() > 16) error(path + ".room", "must be 1-16 characters");
    for (int f = 0; f < r.flags().size(); f++)
      if (!FLAGS.contains(r.flags().get(f))) error(path + ".flags[" + f + "]", "unknown flag " + r.flags().get(f) + ", one of " + FLAGS);
    for (int c = 0; c < r.contacts().size(); c++) {
      var contact = r.contacts().get(c);
      String cp = path + ".contacts[" + c + "]";
      if (contact == null) { error(cp, "must be an object"); continue; }
      name(contact.name(), cp + ".name");
      if (contact.phone() == null || !PHONE.matcher(contact.phone()).matches()) error(cp + ".phone", "must be a phone number like +8613900000001");
    }
    for (int d = 0; d < r.devices().size(); d++) {
      var device = r.devices().get(d);
      String dp = path + ".devices[" + d + "]";
      if (device == null) { error(dp, "must be an object"); continue; }
      if (device.id() == null || !ID.matcher(device.id()).matches()) error(dp + ".id", "must be 1-64 letters, digits or _.:-");
      else if (!devices.add(device.id())) error(dp + ".id", "duplicate device id " + device.id());
      else {
        var owner = known.residents().values().stream()
            .filter(k -> k.devices().stream().anyMatch(x -> x.id().equals(device.id()))).findFirst();
        if (owner.isPresent() && !owner.get().id().equals(r.id()))
          error(dp + ".id", "device " + device.id() + " belongs to resident " + owner.get().id());
      }
      if (device.secret() == null || device.secret().length() < MIN_DEVICE_SECRET)
        error(dp + ".secret", "must be at least " + MIN_DEVICE_SECRET + " characters");
    }
  }

  private boolean exists(String code) {
    return codes.contains(code) || buildingUnits.containsKey(code)
        || known.districts().containsKey(code) || known.streets().containsKey(code)
        || known.communities().containsKey(code) || known.grids().containsKey(code)
        || (Codes.is(code, Codes.Level.UNIT) && unitExists(code));
  }

  private boolean unitExists(String unit) {
    Integer units = buildingUnits.get(Codes.buildingOfUnit(unit));
    if (units == null) return false;
    int n = Integer.parseInt(unit.substring(unit.lastIndexOf("-U") + 2));
    return n >= 1 && n <= units;
  }

  private boolean code(String code, Codes.Level level, String path) {
    if (!Codes.is(code, level)) {
      error(path, "must be a " + level.name().toLowerCase() + " code, got " + code);
      return false;
    }
    if (!codes.add(code)) {
      error(path, "duplicate code " + code);
      return false;
    }
    return true;
  }

  private void name(String name, String path) {
    if (name == null || name.isBlank() || name.length() > 100) error(path, "must be 1-100 characters");
  }

  private void error(String path, String message) {
    errors.add(new FieldError(path, message));
  }
}
