package org.sanwang.connectors.core;

import java.util.Arrays;
import java.util.Optional;

/** The three networks the hub joins; {@link #id} is how URLs, settings and the store name them. */
public enum Network {
  PARTY("party", "党建网", "Party-building network"),
  GOVERNANCE("governance", "治理网", "Social-governance network"),
  COMMUNITY("community", "社区网", "Community-management network");

  private final String id;
  private final String nameZh;
  private final String nameEn;

  Network(String id, String nameZh, String nameEn) {
    this.id = id;
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  public String id() {
    return id;
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }

  public static Optional<Network> of(String id) {
    return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst();
  }
}
