package io.github.distlock;

/**
 * Programmatic access to the distlock agent: lock by hand where an annotation does not fit, and check that the
 * agent is really applied.
 *
 * <p>Every method works without the agent: {@link #acquireLock} then grants every lock (and warns once on
 * standard error), {@link #isAgentActive()} is {@code false} and {@link #assertLocked()} throws.
 */
public final class DistributedLocks {

  // The bridge's answers when there is no token; the agent's LockRuntime defines the same numbers.
  private static final long FENCE_LOST = -1;
  private static final long FENCE_UNAVAILABLE = -2;

  private DistributedLocks() {}

  /**
   * Tries to take {@code <keyPrefix><key>} for {@code ttlMs} milliseconds, without waiting for it.
   *
   * @return {@code true} when this JVM now holds the lock, or when Redis could not answer and the agent's fail mode
   *     is {@code open}, or {@code lastHolder} and this JVM held the key last; {@code false} when another holder
   *     has it
   * @throws IllegalArgumentException when {@code key} is empty or {@code ttlMs} is not positive
   */
  public static boolean acquireLock(String key, long ttlMs) {
    checkKey(key);
    if (ttlMs <= 0) {
      throw new IllegalArgumentException("ttlMs must be positive, was " + ttlMs);
    }
    return AgentLink.acquire(key, ttlMs);
  }

  /**
   * Releases {@code <keyPrefix><key>} if this JVM holds it through {@link #acquireLock}; a lock held by anyone else
   * is left alone.
   *
   * @return {@code true} when the lock was held by this JVM and is now released
   */
  public static boolean releaseLock(String key) {
    checkKey(key);
    return AgentLink.release(key);
  }

  /** Whether the agent currently has a working connection to Redis. */
  public static boolean isConnected() {
    return AgentLink.isConnected();
  }

  /** Whether the distlock agent is attached to this JVM. */
  public static boolean isAgentActive() {
    return AgentLink.isActive();
  }

  /**
   * Proves that the current thread runs inside a {@link DistributedLock} method whose lock was really acquired.
   *
   * @throws IllegalStateException when the current thread holds no distlock lock: no agent, the annotation was not
   *     applied, or Redis was unavailable and the body ran without a lock under its fail mode ({@code open}, or
   *     {@code lastHolder} in the JVM that held the lock last)
   */
  public static void assertLocked() {
    if (!AgentLink.holdsLock()) {
      throw new IllegalStateException(
          AgentLink.isActive()
              ? "the current thread holds no distlock lock"
              : "the current thread holds no distlock lock: the distlock agent is not attached");
    }
  }

  /**
   * The fencing token of the lock the current thread holds: a number that grows with every acquisition of the
   * same key, across the whole fleet. Pass it to the resource the job writes, and have that resource refuse a
   * token lower than the highest it has seen: a job that lost its lock (a long pause, an expired ttl) is then
   * stopped at the resource, which a lock alone cannot do.
   *
   * <p>The token is drawn from Redis on the first call inside the locked body, and only while the lock is still
   * this call's; later calls in the same body return the same number.
   *
   * @throws IllegalStateException when the current thread holds no distlock lock, when its lock has expired or
   *     been taken over, or when Redis could not answer within the agent's timeout: in each case the job must not
   *     write as if it held the lock
   */
  public static long fencingToken() {
    long token = AgentLink.fencingToken();
    if (token > 0) {
      return token;
    }
    if (token == FENCE_LOST) {
      throw new IllegalStateException("no fencing token: the lock has expired or been taken over by another owner");
    }
    if (token == FENCE_UNAVAILABLE) {
      throw new IllegalStateException("no fencing token: Redis could not draw one (unreachable, no answer within"
          + " the timeout, or an error; see the agent's log)");
    }
    assertLocked();
    throw new IllegalStateException("the current lock has no fencing token");
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
  }
}
