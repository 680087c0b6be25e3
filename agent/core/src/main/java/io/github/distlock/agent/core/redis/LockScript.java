package io.github.distlock.agent.core.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Lua scripts of the lock protocol, with their SHA-1 digests for {@code EVALSHA}. Every script that changes a
 * lock first checks that the caller's token still owns it, so a holder that outlived its ttl can never shorten,
 * extend or delete its successor's lock.
 */
enum LockScript {

  /** KEYS[1] lock key, ARGV[1] token; the seed's compare-and-delete, returns 1 when deleted. */
  RELEASE("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"),

  /**
   * KEYS[1] lock key, ARGV[1] token, ARGV[2] ms: sets the expiry to that much from now, to honour lockAtLeastFor
   * at release or to renew a running job's lease; returns 1 when set.
   */
  EXPIRE_IN("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end"
      + " return 0"),

  /**
   * KEYS[1] lock key, KEYS[2] its fence counter, ARGV[1] token: the next fencing token, drawn only while the token
   * still owns the lock, so a holder whose lock expired cannot draw one at all; returns 0 when not the owner.
   */
  FENCE("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('incr', KEYS[2]) end return 0");

  final String text;
  final String sha;

  LockScript(String text) {
    this.text = text;
    this.sha = sha1Hex(text);
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
