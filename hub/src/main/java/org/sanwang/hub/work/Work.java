package org.sanwang.hub.work;

import java.util.regex.Pattern;
import org.sanwang.hub.alert.Actor;

/** What cases, wishes and appointments share: how a network acts on them, and the form of their ids. */
public final class Work {
  private Work() {}

  /** The role of a network acting on its own case, wish or appointment (its changes are not sent back to it). */
  public static final String NETWORK_ROLE = "network";

  /** Ids of cases, wishes and appointments, the network's or the hub's own. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}");

  public static boolean byNetwork(Actor by) {
    return by != null && NETWORK_ROLE.equals(by.role());
  }

  public static Actor network(String id, String nameZh) {
    return new Actor(id + "-network", nameZh, NETWORK_ROLE);
  }
}
