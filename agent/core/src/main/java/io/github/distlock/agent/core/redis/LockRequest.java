package io.github.distlock.agent.core.redis;

import io.github.distlock.bootstrap.FailMode;
import io.lettuce.core.SetArgs;

/**
 * What acquiring one lock sends, in the form it is sent: resolved once per annotated method, so that a locked call
 * builds no arguments and formats no ttl.
 */
public final class LockRequest {

  final String key;
  final long ttlMillis;
  /** What the caller does when the lock cannot be confirmed; a lock the replicas did not acknowledge follows it. */
  final FailMode failMode;
  /** {@code NX PX <ttl>}: never modified after construction, so shared by every call. */
  final SetArgs setArgs;
  /** The lock key and its fencing counter, named on the first draw of a token. */
  private volatile String[] fenceKeys;

  public LockRequest(String key, long ttlMillis, FailMode failMode) {
    this(key, ttlMillis, failMode, SetArgs.Builder.nx().px(ttlMillis));
  }

  private LockRequest(String key, long ttlMillis, FailMode failMode, SetArgs setArgs) {
    this.key = key;
    this.ttlMillis = ttlMillis;
    this.failMode = failMode;
    this.setArgs = setArgs;
  }

  /** The same lock settings for another key: a key built per call shares its method's arguments. */
  public LockRequest withKey(String otherKey) {
    return new LockRequest(otherKey, ttlMillis, failMode, setArgs);
  }

  /** The Redis key, prefix included. */
  public String key() {
    return key;
  }

  String[] fenceKeys(String keyPrefix) {
    String[] keys = fenceKeys;
    if (keys == null) {
      keys = new String[] {key, FenceKeys.of(keyPrefix, key)};
      fenceKeys = keys;
    }
    return keys;
  }
}
