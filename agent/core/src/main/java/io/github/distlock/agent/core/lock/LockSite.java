package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.redis.LockRequest;
import io.github.distlock.bootstrap.FailMode;
import java.time.Duration;

/**
 * One {@code @DistributedLock} method as read from its class file: the Redis key, the durations, or why its
 * annotation is unusable. Resolved once at transform time so that a call does no parsing.
 */
public final class LockSite {

  private final String name;
  private final FailMode failMode;
  private final String redisKey;
  private final LockRequest request;
  private final long ttlMillis;
  private final long minHoldNanos;
  private final boolean keepAlive;
  private final String problem;

  private LockSite(String name, FailMode failMode, String redisKey, Duration ttl, Duration lockAtLeastFor,
      boolean keepAlive, String problem) {
    this.name = name;
    this.failMode = failMode;
    this.redisKey = redisKey;
    this.ttlMillis = ttl == null ? 0 : ttl.toMillis();
    this.request = redisKey == null ? null : new LockRequest(redisKey, ttlMillis);
    this.minHoldNanos = lockAtLeastFor == null ? 0 : lockAtLeastFor.toNanos();
    this.keepAlive = keepAlive;
    this.problem = problem;
  }

  static LockSite valid(String name, FailMode failMode, String redisKey, Duration ttl, Duration lockAtLeastFor,
      boolean keepAlive) {
    return new LockSite(name, failMode, redisKey, ttl, lockAtLeastFor, keepAlive, null);
  }

  static LockSite invalid(String name, FailMode failMode, String problem) {
    return new LockSite(name, failMode, null, null, null, false, problem);
  }

  /** {@code Class#method}, for messages. */
  public String name() {
    return name;
  }

  /** What the method does when the lock cannot be decided: Redis unavailable, or the site unusable. */
  public FailMode failMode() {
    return failMode;
  }

  public String redisKey() {
    return redisKey;
  }

  /** The acquire's arguments for this lock; {@code null} when the site is invalid. */
  public LockRequest request() {
    return request;
  }

  public long ttlMillis() {
    return ttlMillis;
  }

  public long minHoldNanos() {
    return minHoldNanos;
  }

  /** Whether the lock is renewed while the body runs. */
  public boolean keepAlive() {
    return keepAlive;
  }

  public boolean isValid() {
    return problem == null;
  }

  public String problem() {
    return problem;
  }
}
