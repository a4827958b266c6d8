package org.sanwang.console.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Expiring bearer tokens: HS256-signed JWTs whose subject is the person's id, signed with the
 * hub's token key (the same on every node: the key file or {@code SANWANG_TOKEN_KEY}). Several keys
 * rotate: the first signs, every one verifies. Each carries the {@link Stamp} of what it was issued
 * against, which {@link Accounts} compares with the person as they are now.
 */
public final class Tokens {
  public record Issued(String token, Instant expiresAt) {}

  /**
   * What a token was issued against: the user's token version (raised by an admin's revoke) and a
   * fingerprint of their password hash and role grants (changed by an import that changes either).
   */
  public record Stamp(long version, String fingerprint) {}

  /** What a valid, unexpired token says. */
  public record Claims(String subject, Stamp stamp) {}

  static final String VERSION = "ver";
  static final String FINGERPRINT = "fp";

  private final MACSigner signer;
  private final List<MACVerifier> verifiers;
  private final Duration ttl;
  private final Clock clock;
  /**
   * Tokens whose signature and claims were checked, with their expiry. A token is an immutable
   * string, so the check's outcome never changes but for the time, which {@link #verify} compares
   * on every use; revocation is the caller's check ({@code Accounts.principal}). Only good tokens
   * are kept, so a flood of forged ones cannot push the real ones out. The profile of a request
   * put the HMAC, base64 and claim parsing at 2–5 % of its CPU.
   */
  private final Cache<String, Verified> verified = Caffeine.newBuilder()
      .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(30)).build();

  private record Verified(Claims claims, Instant expiresAt) {}

  public Tokens(String base64Key, Duration ttl, Clock clock) {
    this(List.of(base64Key), ttl, clock);
  }

  /** Signs with the first of the base64 keys and accepts tokens signed with any of them. */
  public Tokens(List<String> base64Keys, Duration ttl, Clock clock) {
    if (base64Keys.isEmpty()) throw new IllegalArgumentException("at least one token key is needed");
    try {
      this.signer = new MACSigner(Base64.getDecoder().decode(base64Keys.get(0)));
      var verifiers = new ArrayList<MACVerifier>();
      for (String key : base64Keys) verifiers.add(new MACVerifier(Base64.getDecoder().decode(key)));
      this.verifiers = List.copyOf(verifiers);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("token key must be at least 256 bits", e);
    }
    this.ttl = ttl;
    this.clock = clock;
  }

  public Issued issue(String subject, Stamp stamp) {
    var now = clock.instant();
    var expires = now.plus(ttl);
    var claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer("sanwang-hub")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expires))
        .jwtID(UUID.randomUUID().toString())
        .claim(VERSION, stamp.version())
        .claim(FINGERPRINT, stamp.fingerprint())
        .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return new Issued(jwt.serialize(), expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** The claims of a valid, unexpired token that carries a subject and a stamp. */
  public Optional<Claims> verify(String token) {
    var known = verified.getIfPresent(token);
    if (known == null) {
      known = check(token);
      if (known == null) return Optional.empty();
      verified.put(token, known);
    }
    return known.expiresAt().isAfter(clock.instant()) ? Optional.of(known.claims()) : Optional.empty();
  }

  private Verified check(String token) {
    try {
      var jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !signedWithOneOfTheKeys(jwt)) return null;
      var claims = jwt.getJWTClaimsSet();
      var exp = claims.getExpirationTime();
      Long version = claims.getLongClaim(VERSION);
      String fingerprint = claims.getStringClaim(FINGERPRINT);
      if (exp == null || claims.getSubject() == null || version == null || fingerprint == null) return null;
      return new Verified(new Claims(claims.getSubject(), new Stamp(version, fingerprint)), exp.toInstant());
    } catch (ParseException | JOSEException e) {
      return null;
    }
  }

  private boolean signedWithOneOfTheKeys(SignedJWT jwt) throws JOSEException {
    for (var verifier : verifiers) if (jwt.verify(verifier)) return true;
    return false;
  }
}
