package org.sanwang.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  static Optional<InetAddress> peer(String literal) {
    return TrustedProxies.literal(literal);
  }

  @Test
  void withNoTrustedProxyTheHeadersAreIgnoredAndThePeerIsTheClient() {
    var underTest = TrustedProxies.parse("");
    assertThat(underTest.clientOf(peer("192.0.2.10"), List.of("203.0.113.5"), Optional.of("203.0.113.6")))
        .isEqualTo("192.0.2.10");
  }

  @Test
  void behindATrustedProxyTheClientIsTheRightmostAddressNoTrustedProxyWrote() {
    var underTest = TrustedProxies.parse("10.0.0.5, 10.1.0.0/16");
    var forged = "6.6.6.6"; // sent by the client itself, in front of what the proxies appended
    assertThat(underTest.clientOf(peer("10.0.0.5"), List.of(forged + ", 203.0.113.5, 10.1.2.3"), Optional.empty()))
        .isEqualTo("203.0.113.5");
    assertThat(underTest.clientOf(peer("10.0.0.5"), List.of(forged, "203.0.113.5:51234"), Optional.empty()))
        .as("several headers, and a port").isEqualTo("203.0.113.5");
    assertThat(underTest.clientOf(peer("10.0.0.5"), List.of(), Optional.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    assertThat(underTest.clientOf(peer("10.0.0.6"), List.of("203.0.113.5"), Optional.empty()))
        .as("a peer outside the list").isEqualTo("10.0.0.6");
  }

  @Test
  void aHopNoAddressCanBeReadFromCountsAsTheProxyItself() {
    var underTest = TrustedProxies.parse("10.0.0.5");
    assertThat(underTest.clientOf(peer("10.0.0.5"), List.of("unknown"), Optional.empty())).isEqualTo("10.0.0.5");
    assertThat(underTest.clientOf(peer("10.0.0.5"), List.of("example.org"), Optional.empty()))
        .as("names are never looked up").isEqualTo("10.0.0.5");
  }

  @Test
  void anIpv6ClientIsCountedByItsSlash64AndAMappedIpv4ByItsIpv4() {
    var underTest = TrustedProxies.NONE;
    assertThat(underTest.clientOf(peer("2001:db8:1:2:aaaa::1"), List.of(), Optional.empty()))
        .isEqualTo(underTest.clientOf(peer("2001:db8:1:2:bbbb::2"), List.of(), Optional.empty()))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(underTest.clientOf(peer("::ffff:192.0.2.1"), List.of(), Optional.empty())).isEqualTo("192.0.2.1");
    assertThat(TrustedProxies.parse("2001:db8::/32").trusts(peer("2001:db8:ffff::1").orElseThrow())).isTrue();
    assertThat(TrustedProxies.parse("2001:db8::/32").trusts(peer("2001:db9::1").orElseThrow())).isFalse();
  }

  @Test
  void aBadEntryIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1, proxy.example.org"))
        .hasMessageContaining("SANWANG_TRUSTED_PROXIES").hasMessageContaining("proxy.example.org");
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> TrustedProxies.parse("300.0.0.1")).hasMessageContaining("300.0.0.1");
  }
}
