package org.sanwang.console.auth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which client address a request counts as. The TCP peer is the client unless it is one of the
 * reverse proxies named in {@code SANWANG_TRUSTED_PROXIES} (addresses or CIDRs); only then are
 * {@code X-Forwarded-For} (read from the right, skipping further trusted proxies) and
 * {@code X-Real-IP} believed. With no proxy trusted (the default) those headers are ignored, so a
 * client cannot pick the address it is throttled under.
 *
 * <p>An IPv6 client is keyed by its /64 prefix, the block one subscriber usually gets; an
 * IPv4-mapped IPv6 address by its IPv4 address. Header values are only ever parsed as literals:
 * nothing here looks a name up.
 */
public final class TrustedProxies {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private record Block(byte[] network, int prefix) {
    boolean contains(InetAddress a) {
      byte[] bytes = a.getAddress();
      if (bytes.length != network.length) return false;
      int full = prefix / 8;
      for (int i = 0; i < full; i++) if (bytes[i] != network[i]) return false;
      int rest = prefix % 8;
      if (rest == 0) return true;
      int mask = 0xff << (8 - rest) & 0xff;
      return (bytes[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** A comma-separated list of addresses and CIDRs ({@code 10.0.0.5, 10.1.0.0/16, fd00::/8}); empty trusts none. */
  public static TrustedProxies parse(String list) {
    var blocks = new ArrayList<Block>();
    for (String raw : list.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) continue;
      int slash = entry.indexOf('/');
      String host = slash < 0 ? entry : entry.substring(0, slash);
      var address = literal(host).orElseThrow(() -> new IllegalArgumentException(
          "SANWANG_TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR"));
      address = unmapped(address);
      int bits = address.getAddress().length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = entry.substring(slash + 1);
        if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits)
          throw new IllegalArgumentException("SANWANG_TRUSTED_PROXIES: '" + entry + "' has a prefix length outside 0 to " + bits);
        prefix = Integer.parseInt(p);
      }
      blocks.add(new Block(address.getAddress(), prefix));
    }
    return new TrustedProxies(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean trusts(InetAddress address) {
    var a = unmapped(address);
    return blocks.stream().anyMatch(b -> b.contains(a));
  }

  /**
   * The client's key: from the proxy headers when {@code peer} is trusted, else the peer itself.
   * {@code forwardedFor} are the values of every {@code X-Forwarded-For} header in order.
   */
  public String clientOf(Optional<InetAddress> peer, List<String> forwardedFor, Optional<String> realIp) {
    if (peer.isEmpty()) return "unknown";
    if (!trusts(peer.get())) return key(peer.get());
    var hops = new ArrayList<String>();
    forwardedFor.forEach(v -> hops.addAll(Arrays.asList(v.split(","))));
    for (int i = hops.size() - 1; i >= 0; i--) {
      var hop = literal(hop(hops.get(i)));
      if (hop.isEmpty()) return key(peer.get()); // a proxy wrote what we cannot read: count it as the proxy
      if (!trusts(hop.get())) return key(hop.get());
    }
    if (!hops.isEmpty()) return key(literal(hop(hops.get(0))).orElse(peer.get()));
    return realIp.flatMap(r -> literal(hop(r))).map(TrustedProxies::key).orElseGet(() -> key(peer.get()));
  }

  /** How an address is counted: IPv4 as is, IPv6 by its /64. */
  public static String key(InetAddress address) {
    var a = unmapped(address);
    if (a instanceof Inet4Address) return a.getHostAddress();
    byte[] prefix = Arrays.copyOf(a.getAddress(), 16);
    Arrays.fill(prefix, 8, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  /** One hop of a proxy header, without brackets or a port ({@code [2001:db8::1]:443}, {@code 192.0.2.1:80}). */
  private static String hop(String raw) {
    String h = raw.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.indexOf(':');
    if (colon > 0 && colon == h.lastIndexOf(':')) return h.substring(0, colon); // IPv4 with a port
    return h;
  }

  /** An IP address written as a literal, parsed without any name lookup. */
  static Optional<InetAddress> literal(String s) {
    try {
      var v4 = IPV4.matcher(s);
      if (v4.matches()) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(v4.group(i + 1));
          if (part > 255) return Optional.empty();
          b[i] = (byte) part;
        }
        return Optional.of(InetAddress.getByAddress(b));
      }
      // With a colon in it, InetAddress reads the string as an IPv6 literal and never asks DNS.
      if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) return Optional.of(InetAddress.getByName(s));
      return Optional.empty();
    } catch (UnknownHostException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static InetAddress unmapped(InetAddress a) {
    // Java already turns ::ffff:a.b.c.d into an Inet4Address; this covers addresses built from 16 bytes.
    if (a instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
      mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      if (mapped) {
        try {
          return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return a;
  }
}
