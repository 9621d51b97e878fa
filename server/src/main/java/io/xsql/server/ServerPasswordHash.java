package io.xsql.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.CredentialProvider;

/**
 * Salted, slow password hashes for Basic users: {@code PBKDF2:<iterations>:<salt hex>:<hash hex>}, PBKDF2
 * with HMAC-SHA256 from the JDK. Jetty's users file reads them through its {@link CredentialProvider}
 * service. A Basic client sends its password with every request, so a password once checked is remembered
 * (as an HMAC under a key that lives only in this JVM) and not hashed slowly again.
 */
public final class ServerPasswordHash implements CredentialProvider {
  static final String PREFIX = "PBKDF2:";
  /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
  static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The key of the remembered passwords' HMACs, never stored. */
  private static final byte[] MEMORY_KEY = RANDOM.generateSeed(32);

  /** Jetty's service loader makes one. */
  public ServerPasswordHash() {
    // Stateless: the credentials hold the state.
  }

  @Override
  public String getPrefix() {
    return PREFIX;
  }

  @Override
  public Credential getCredential(String credential) {
    String[] parts = credential.substring(PREFIX.length()).split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("expected PBKDF2:<iterations>:<salt hex>:<hash hex>");
    }
    return new Pbkdf2(Integer.parseInt(parts[0]), HexFormat.of().parseHex(parts[1]), HexFormat.of().parseHex(parts[2]));
  }

  /** A new users-file credential for a password, with a fresh salt. */
  static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return PREFIX + ITERATIONS + ":" + HexFormat.of().formatHex(salt) + ":"
        + HexFormat.of().formatHex(pbkdf2(password, salt, ITERATIONS));
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    try {
      KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has PBKDF2WithHmacSHA256", e);
    }
  }

  private static byte[] remembered(String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(MEMORY_KEY, "HmacSHA256"));
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  /** One user's hash, and the passwords it was found to match. */
  private static final class Pbkdf2 extends Credential {
    private static final long serialVersionUID = 1L;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;
    private final transient Map<String, Boolean> matched = new ConcurrentHashMap<>();

    Pbkdf2(int iterations, byte[] salt, byte[] hash) {
      this.iterations = iterations;
      this.salt = salt;
      this.hash = hash;
    }

    @Override
    public boolean check(Object credentials) {
      String password = credentials instanceof char[] chars ? new String(chars)
          : credentials instanceof String s ? s : null;
      if (password == null) {
        return false;
      }
      String key = HexFormat.of().formatHex(remembered(password));
      if (matched.containsKey(key)) {
        return true;
      }
      boolean ok = MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
      if (ok) {
        matched.put(key, Boolean.TRUE);
      }
      return ok;
    }
  }
}
