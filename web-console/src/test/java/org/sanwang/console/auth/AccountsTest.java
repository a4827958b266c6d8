package org.sanwang.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.access.KnownTokenVersions;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.RoleGrant;

/** A token is honoured only while it matches its user: not revoked, same password, same roles. */
class AccountsTest {
  static final String PASSWORD = "wangfang-pass-123";
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  static final RoleGrant HEAD_OF_B07 = new RoleGrant("building_head", "130803001001-B07");
  static final String ADMIN_HASH = Passwords.hash(ADMIN_PASSWORD);
  static final String WANG_HASH = Passwords.hash(PASSWORD);

  private final OrgDirectory directory = new OrgDirectory();
  private final KnownTokenVersions versions = new KnownTokenVersions();
  private final Accounts underTest = new Accounts(directory, ADMIN_HASH, versions);
  private final Tokens tokens = new Tokens(TokensTest.KEY, Duration.ofHours(12), Clock.systemUTC());

  private void roster(String passwordHash, List<RoleGrant> roles, String phone) {
    var wang = new OrgTree.Person("p-001", "王芳", phone, roles, "wangfang", passwordHash);
    directory.update(new OrgTree(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of("p-001", wang), Map.of()));
  }

  private String signIn(String username, String password) {
    var signedIn = underTest.authenticate(username, password).orElseThrow();
    return tokens.issue(signedIn.principal().id(), signedIn.stamp()).token();
  }

  private boolean honoured(String token) {
    return tokens.verify(token).flatMap(underTest::principal).isPresent();
  }

  @Test
  void aTokenIsHonouredWhileNothingAboutItsUserChangedButTheirPhoneOrName() {
    roster(WANG_HASH, List.of(HEAD_OF_B07), "+8613800000001");
    var token = signIn("wangfang", PASSWORD);
    assertThat(tokens.verify(token).flatMap(underTest::principal)).map(Principal::id).contains("p-001");
    roster(WANG_HASH, List.of(HEAD_OF_B07), "+8613800000009");
    assertThat(honoured(token)).isTrue();
  }

  @Test
  void aTokenIsRefusedOnceItsUsersTokenVersionWasRaised() {
    roster(WANG_HASH, List.of(HEAD_OF_B07), "+8613800000001");
    var before = signIn("wangfang", PASSWORD);
    versions.advance("p-001", 1);
    assertThat(honoured(before)).isFalse();
    var after = signIn("wangfang", PASSWORD);
    assertThat(honoured(after)).as("a token issued after the revoke").isTrue();
    versions.advance("p-001", 1);
    assertThat(honoured(after)).as("a repeated or late copy of the same revoke changes nothing").isTrue();
  }

  @Test
  void aTokenIsRefusedOnceItsUsersPasswordChanged() {
    roster(WANG_HASH, List.of(HEAD_OF_B07), "+8613800000001");
    var token = signIn("wangfang", PASSWORD);
    roster(Passwords.hash("a-new-password-456"), List.of(HEAD_OF_B07), "+8613800000001");
    assertThat(honoured(token)).isFalse();
  }

  @Test
  void aTokenIsRefusedOnceItsUsersRolesChangedEitherWay() {
    roster(WANG_HASH, List.of(HEAD_OF_B07), "+8613800000001");
    var token = signIn("wangfang", PASSWORD);
    roster(WANG_HASH, List.of(HEAD_OF_B07, new RoleGrant("grid_member", "130803001001-G01")), "+8613800000001");
    assertThat(honoured(token)).as("a role added").isFalse();
    var second = signIn("wangfang", PASSWORD);
    roster(WANG_HASH, List.of(new RoleGrant("grid_member", "130803001001-G01"), HEAD_OF_B07), "+8613800000001");
    assertThat(honoured(second)).as("the same grants in another order").isTrue();
    roster(WANG_HASH, List.of(HEAD_OF_B07), "+8613800000001");
    assertThat(honoured(second)).as("a role taken away").isFalse();
  }

  @Test
  void theAdminsTokensAreRevokedLikeAnyoneElses() {
    var token = signIn(Principal.ADMIN_ID, ADMIN_PASSWORD);
    assertThat(honoured(token)).isTrue();
    versions.advance(Principal.ADMIN_ID, 1);
    assertThat(honoured(token)).isFalse();
  }

  @Test
  void aTokenWhoseFingerprintWasNotIssuedByTheHubIsRefused() {
    roster(WANG_HASH, List.of(HEAD_OF_B07), "+8613800000001");
    var forged = tokens.issue("p-001", new Tokens.Stamp(0, "not-the-fingerprint")).token();
    assertThat(honoured(forged)).isFalse();
  }
}
