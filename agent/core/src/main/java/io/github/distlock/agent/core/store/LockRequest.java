package io.github.distlock.agent.core.store;

import io.github.distlock.bootstrap.FailMode;

/**
 * What acquiring one lock asks of the store: the key, how long the lock lives, and what the caller does when the
 * lock cannot be confirmed. Resolved once per annotated method, so that a locked call builds nothing.
 */
public final class LockRequest {

  private final String key;
  private final long ttlMillis;
  private final FailMode failMode;

  /**
   * @param key the store's key, prefix included
   * @param failMode what the caller does when the lock cannot be confirmed: a lock the replicas did not acknowledge
   *     follows it
   */
  public LockRequest(String key, long ttlMillis, FailMode failMode) {
    this.key = key;
    this.ttlMillis = ttlMillis;
    this.failMode = failMode;
  }

  /** The same lock settings for another key: a key built per call shares its method's settings. */
  public LockRequest withKey(String otherKey) {
    return new LockRequest(otherKey, ttlMillis, failMode);
  }

  /** The store's key, prefix included. */
  public String key() {
    return key;
  }

  public long ttlMillis() {
    return ttlMillis;
  }

  public FailMode failMode() {
    return failMode;
  }
}
