package org.sanwang.hub.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Password and device-secret hashing. People's passwords use Argon2id (memory-hard, OWASP
 * parameters: 19 MiB, 2 passes); device secrets are long random values checked on every press, so a
 * salted SHA-256 is enough for them and keeps a press fast.
 */
public final class Passwords {
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  public static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  public static boolean verify(String password, String hash) {
    if (password == null || hash == null || !hash.startsWith("$argon2")) return false;
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }

  public static String hashSecret(String secret) {
    byte[] salt = new byte[12];
    RANDOM.nextBytes(salt);
    return "sha256$" + HexFormat.of().formatHex(salt) + "$" + HexFormat.of().formatHex(sha256(salt, secret));
  }

  public static boolean verifySecret(String secret, String stored) {
    if (secret == null || stored == null) return false;
    String[] parts = stored.split("\\$");
    if (parts.length != 3 || !parts[0].equals("sha256")) return false;
    byte[] salt = HexFormat.of().parseHex(parts[1]);
    return MessageDigest.isEqual(sha256(salt, secret), HexFormat.of().parseHex(parts[2]));
  }

  /** A random secret for machines and first-start passwords: 18 random bytes, URL-safe. */
  public static String randomSecret() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(byte[] salt, String secret) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
