package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.redis.Acquisition;
import io.github.distlock.agent.core.redis.LockRequest;
import io.github.distlock.agent.core.redis.LockStore;
import io.github.distlock.bootstrap.FailMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code DistributedLocks.acquireLock} and {@code releaseLock}: locks by key, held by the JVM rather than by a
 * method call, as the seed's service had them. This JVM remembers the owner token of each key it holds.
 */
final class FacadeLocks {

  private final String keyPrefix;
  private final FailMode failMode;
  private final LockAttempts attempts;
  private final LockStore store;
  private final FailPolicy failPolicy;
  /** {@code null} unless the fail mode is lastHolder. */
  private final LastHolders lastHolders;
  private static final int PRUNE_ABOVE = 256;

  private final Map<String, Held> held = new ConcurrentHashMap<>();

  FacadeLocks(String keyPrefix, FailMode failMode, LockAttempts attempts, LockStore store, FailPolicy failPolicy,
      LastHolders lastHolders) {
    this.keyPrefix = keyPrefix;
    this.failMode = failMode;
    this.attempts = attempts;
    this.store = store;
    this.failPolicy = failPolicy;
    this.lastHolders = failMode == FailMode.LAST_HOLDER ? lastHolders : null;
  }

  boolean acquire(String key, long ttlMillis) {
    LockRequest request = new LockRequest(keyPrefix + key, ttlMillis);
    Acquisition acquisition = attempts.attempt(request);
    switch (acquisition.status()) {
      case ACQUIRED:
        if (held.size() >= PRUNE_ABOVE) {
          forgetExpired();
        }
        held.put(request.key(), new Held(request, acquisition.token(), ttlMillis));
        if (lastHolders != null) {
          // Held by the JVM, not a call: it stays this JVM's own for its ttl unless released.
          long now = System.nanoTime();
          lastHolders.acquired(request.key(), now);
          lastHolders.released(request.key(), now, TimeUnit.MILLISECONDS.toNanos(ttlMillis));
        }
        return true;
      case BUSY:
        if (lastHolders != null) {
          lastHolders.busy(request.key(), System.nanoTime());
        }
        return false;
      default:
        return failPolicy.runs(failMode, request.key());
    }
  }

  boolean release(String key) {
    Held lock = held.remove(keyPrefix + key);
    if (lock != null && lastHolders != null) {
      lastHolders.released(lock.request.key(), System.nanoTime(), 0);
    }
    return lock != null && store.await(store.release(lock.request, lock.token, 0));
  }

  // Locks taken with acquireLock and left to expire (the seed's usual way) would otherwise stay here for good.
  private void forgetExpired() {
    long now = System.nanoTime();
    held.values().removeIf(lock -> now - lock.expiresAtNanos >= 0);
  }

  private static final class Held {
    final LockRequest request;
    final String token;
    final long expiresAtNanos;

    Held(LockRequest request, String token, long ttlMillis) {
      this.request = request;
      this.token = token;
      this.expiresAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMillis);
    }
  }
}
