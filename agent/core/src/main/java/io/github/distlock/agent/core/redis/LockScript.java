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
  FENCE("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('incr', KEYS[2]) end return 0"),

  /**
   * KEYS[1] lock key, KEYS[2] its run history, ARGV[1] token, ARGV[2] ms to keep the key (0 deletes it), ARGV[3]
   * the run's {@code start|duration|ttl}, ARGV[4] its outcome, ARGV[5] its error class, ARGV[6] the length above
   * which the history is trimmed, ARGV[7] to what length, ARGV[8] the history's ms to live, ARGV[9] {@code 1} to
   * set it again: RELEASE or EXPIRE_IN, and the run recorded in the same step, as {@code lost} when the token no
   * longer owned the lock. Trimming and the expiry are not done on every release: each is one more command inside
   * the script, and the acquired call waits behind the previous release. Returns 1 when the token owned the lock,
   * else 0; plus {@link RunRecording#REFUSED} when Redis refused one of the history's commands (an ACL user without
   * them), which cannot undo the release: they run after it, through {@code pcall}.
   */
  RELEASE_RECORDING("local owned = redis.call('get', KEYS[1]) == ARGV[1]"
      + " if owned then if ARGV[2] == '0' then redis.call('del', KEYS[1])"
      + " else redis.call('pexpire', KEYS[1], ARGV[2]) end end"
      + " local outcome = ARGV[4] if not owned then outcome = 'lost' end"
      + " local result = owned and 1 or 0"
      + " local n = redis.pcall('lpush', KEYS[2], ARGV[1] .. '|' .. ARGV[3] .. '|' .. outcome .. '|' .. ARGV[5])"
      + " if type(n) == 'table' and n.err then return result + 2 end"
      + " local done = true"
      + " if n > tonumber(ARGV[6]) then done = redis.pcall('ltrim', KEYS[2], 0, tonumber(ARGV[7]) - 1) end"
      + " if type(done) == 'table' and done.err then return result + 2 end"
      + " if n == 1 or ARGV[9] == '1' then done = redis.pcall('pexpire', KEYS[2], ARGV[8]) end"
      + " if type(done) == 'table' and done.err then return result + 2 end"
      + " return result");

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
