package org.sanwang.console.auth;

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
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Expiring bearer tokens: HS256-signed JWTs whose subject is the person's id, signed with the
 * hub's key (shared by every node through {@code HubSecrets}).
 */
public final class Tokens {
  public record Issued(String token, Instant expiresAt) {}

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  private final Clock clock;

  public Tokens(String base64Key, Duration ttl, Clock clock) {
    try {
      byte[] key = Base64.getDecoder().decode(base64Key);
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("token key must be at least 256 bits", e);
    }
    this.ttl = ttl;
    this.clock = clock;
  }

  public Issued issue(String subject) {
    var now = clock.instant();
    var expires = now.plus(ttl);
    var claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer("sanwang-hub")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expires))
        .jwtID(UUID.randomUUID().toString())
        .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return new Issued(jwt.serialize(), expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** The subject of a valid, unexpired token. */
  public Optional<String> verify(String token) {
    try {
      var jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) return Optional.empty();
      var exp = jwt.getJWTClaimsSet().getExpirationTime();
      if (exp == null || !exp.toInstant().isAfter(clock.instant())) return Optional.empty();
      return Optional.ofNullable(jwt.getJWTClaimsSet().getSubject());
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }
}
