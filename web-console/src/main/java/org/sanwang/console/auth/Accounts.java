package org.sanwang.console.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.sanwang.hub.access.KnownTokenVersions;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.RoleGrant;

/**
 * Who can log in: the built-in admin (hash from {@code HubSecrets}) and every person of the roster
 * with a login. Roles are read from the directory on every request, so a re-import takes effect at once.
 *
 * <p>A token is honoured only while it matches its user as they are now: its version must not be
 * below the user's token version (an admin's revoke raises it), and its fingerprint must equal
 * that of the user's current password hash and role grants (an import that changes either changes
 * it). Both are read from this node's copies, so a revoked token fails at once on every node.
 */
public final class Accounts {
  /** A user who proved their password, and the stamp a token for them is issued with. */
  public record SignedIn(Principal principal, Tokens.Stamp stamp) {}

  private final OrgDirectory directory;
  private final AtomicReference<String> adminHash;
  private final KnownTokenVersions versions;

  public Accounts(OrgDirectory directory, String adminPasswordHash, KnownTokenVersions versions) {
    this.directory = directory;
    this.adminHash = new AtomicReference<>(adminPasswordHash);
    this.versions = versions;
  }

  /** Verifies a password (slow on purpose: Argon2id); call off the request threads. */
  public Optional<SignedIn> authenticate(String username, String password) {
    if (Principal.ADMIN_ID.equals(username)) {
      String hash = adminHash.get();
      return Passwords.verify(password, hash) ? Optional.of(signedIn(Principal.admin(), hash)) : Optional.empty();
    }
    var person = directory.index().personByUsername(username);
    if (person.isEmpty()) {
      Passwords.verify(password, DUMMY_HASH); // same cost whether or not the user exists
      return Optional.empty();
    }
    var p = person.get();
    return Passwords.verify(password, p.passwordHash())
        ? Optional.of(signedIn(new Principal(p.id(), p.name(), p.roles()), p.passwordHash()))
        : Optional.empty();
  }

  public Optional<Principal> principal(String id) {
    if (Principal.ADMIN_ID.equals(id)) return Optional.of(Principal.admin());
    return directory.index().person(id).map(p -> new Principal(p.id(), p.name(), p.roles()));
  }

  /** The user a token names, if the token still matches them (not revoked, same password and roles). */
  public Optional<Principal> principal(Tokens.Claims claims) {
    String id = claims.subject();
    if (claims.stamp().version() < versions.versionOf(id)) return Optional.empty();
    if (Principal.ADMIN_ID.equals(id)) {
      var admin = Principal.admin();
      return matches(claims, fingerprint(adminHash.get(), admin.roles())) ? Optional.of(admin) : Optional.empty();
    }
    return directory.index().person(id)
        .filter(p -> matches(claims, fingerprint(p.passwordHash(), p.roles())))
        .map(p -> new Principal(p.id(), p.name(), p.roles()));
  }

  /** Whether {@code id} names a user (the admin or a person of the roster). */
  public boolean exists(String id) {
    return Principal.ADMIN_ID.equals(id) || directory.index().person(id).isPresent();
  }

  /**
   * The name of a role's scope as the organisation has it now, a unit with its building's
   * ({@code 7号楼2单元}); empty for the admin's {@code *} or a code no longer known.
   */
  public Optional<String> scopeName(String scope) {
    if (scope == null) return Optional.empty();
    var index = directory.index();
    var name = index.nameOf(scope);
    if (name.isPresent() && Codes.is(scope, Codes.Level.UNIT))
      return index.nameOf(Codes.buildingOfUnit(scope)).map(building -> building + name.get()).or(() -> name);
    return name;
  }

  private SignedIn signedIn(Principal principal, String passwordHash) {
    return new SignedIn(principal, new Tokens.Stamp(versions.versionOf(principal.id()), fingerprint(passwordHash, principal.roles())));
  }

  private static boolean matches(Tokens.Claims claims, String fingerprint) {
    return MessageDigest.isEqual(claims.stamp().fingerprint().getBytes(StandardCharsets.UTF_8),
        fingerprint.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * 128 bits of SHA-256 over the password hash and the sorted role grants. The password hash is
   * salted Argon2id, so the fingerprint tells a token's holder nothing they could guess a password with.
   */
  static String fingerprint(String passwordHash, List<RoleGrant> roles) {
    return FINGERPRINTS.get(new Grants(passwordHash, roles), g -> fingerprintOf(g.passwordHash(), g.roles()));
  }

  /** Every request checks its token's fingerprint: a SHA-256 and a sort each time, so kept per hash and grants. */
  private static final Cache<Grants, String> FINGERPRINTS = Caffeine.newBuilder().maximumSize(100_000).build();

  private record Grants(String passwordHash, List<RoleGrant> roles) {}

  private static String fingerprintOf(String passwordHash, List<RoleGrant> roles) {
    var grants = roles.stream().map(r -> r.role() + "@" + r.scope()).sorted().toList();
    String text = (passwordHash == null ? "-" : passwordHash) + "\n" + String.join("\n", grants);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static final String DUMMY_HASH = Passwords.hash("not a password of anyone");
}
