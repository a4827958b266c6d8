package org.sanwang.hub.org;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organisation codes of the contract: a district is 6 digits, a street 9, a community the
 * 12-digit statistical division code; grids, buildings and units are numbered inside their community
 * ({@code 130803001001-G01}, {@code 130803001001-B07}, {@code 130803001001-B07-U2}).
 */
public final class Codes {
  private static final Pattern DISTRICT = Pattern.compile("\\d{6}");
  private static final Pattern STREET = Pattern.compile("\\d{9}");
  private static final Pattern COMMUNITY = Pattern.compile("\\d{12}");
  private static final Pattern GRID = Pattern.compile("(\\d{12})-G\\d{1,4}");
  private static final Pattern BUILDING = Pattern.compile("(\\d{12})-B\\d{1,4}");
  private static final Pattern UNIT = Pattern.compile("((\\d{12})-B\\d{1,4})-U\\d{1,3}");

  public enum Level { DISTRICT, STREET, COMMUNITY, GRID, BUILDING, UNIT }

  private Codes() {}

  /**
   * Codes already classified: every request's scope check asks for a few, and six regular
   * expressions each time were 5 % of what a group post over HTTP allocated. Bounded, so codes
   * made up by a caller cannot grow it without end.
   */
  private static final Cache<String, Optional<Level>> LEVELS = Caffeine.newBuilder().maximumSize(100_000).build();

  public static Optional<Level> levelOf(String code) {
    if (code == null) return Optional.empty();
    return LEVELS.get(code, Codes::classify);
  }

  private static Optional<Level> classify(String code) {
    if (DISTRICT.matcher(code).matches()) return Optional.of(Level.DISTRICT);
    if (STREET.matcher(code).matches()) return Optional.of(Level.STREET);
    if (COMMUNITY.matcher(code).matches()) return Optional.of(Level.COMMUNITY);
    if (GRID.matcher(code).matches()) return Optional.of(Level.GRID);
    if (BUILDING.matcher(code).matches()) return Optional.of(Level.BUILDING);
    if (UNIT.matcher(code).matches()) return Optional.of(Level.UNIT);
    return Optional.empty();
  }

  public static boolean is(String code, Level level) {
    return levelOf(code).orElse(null) == level;
  }

  /** The community a grid, building or unit code belongs to; the code itself for a community. */
  public static String communityOf(String code) {
    return code.length() >= 12 ? code.substring(0, 12) : code;
  }

  public static String streetOfCommunity(String community) {
    return community.substring(0, 9);
  }

  public static String districtOfStreet(String street) {
    return street.substring(0, 6);
  }

  /** For a unit code, its building code. */
  public static String buildingOfUnit(String unit) {
    var m = UNIT.matcher(unit);
    if (!m.matches()) throw new IllegalArgumentException("not a unit code: " + unit);
    return m.group(1);
  }

  public static String unitCode(String building, int unit) {
    return building + "-U" + unit;
  }
}
