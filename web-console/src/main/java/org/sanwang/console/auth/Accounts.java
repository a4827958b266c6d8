package org.sanwang.console.auth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.OrgDirectory;

/**
 * Who can log in: the built-in admin (hash from {@code HubSecrets}) and every person of the roster
 * with a login. Roles are read from the directory on every request, so a re-import takes effect at once.
 */
public final class Accounts {
  private final OrgDirectory directory;
  private final AtomicReference<String> adminHash;

  public Accounts(OrgDirectory directory, String adminPasswordHash) {
    this.directory = directory;
    this.adminHash = new AtomicReference<>(adminPasswordHash);
  }

  /** Verifies a password (slow on purpose: Argon2id); call off the request threads. */
  public Optional<Principal> authenticate(String username, String password) {
    if (Principal.ADMIN_ID.equals(username))
      return Passwords.verify(password, adminHash.get()) ? Optional.of(Principal.admin()) : Optional.empty();
    var person = directory.index().personByUsername(username);
    if (person.isEmpty()) {
      Passwords.verify(password, DUMMY_HASH); // same cost whether or not the user exists
      return Optional.empty();
    }
    return Passwords.verify(password, person.get().passwordHash()) ? principal(person.get().id()) : Optional.empty();
  }

  public Optional<Principal> principal(String id) {
    if (Principal.ADMIN_ID.equals(id)) return Optional.of(Principal.admin());
    return directory.index().person(id).map(p -> new Principal(p.id(), p.name(), p.roles()));
  }

  private static final String DUMMY_HASH = Passwords.hash("not a password of anyone");
}
