package io.github.distlock.agent.core.redis;

/**
 * The owner-checked Lua scripts. Only the holder of the token may delete or shorten a lock, so a job that outlived
 * its ttl cannot release the lock a successor now holds. The release is the seed's compare-and-delete.
 */
final class LockScripts {

  /** KEYS[1] lock key, ARGV[1] token; returns 1 when deleted. */
  static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

  /** KEYS[1] lock key, ARGV[1] token, ARGV[2] milliseconds the lock must still live; returns 1 when set. */
  static final String KEEP_FOR =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0"
          + " end";

  private LockScripts() {}
}
