package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.Release;
import io.github.distlock.bootstrap.FailMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code DistributedLocks.acquireLock} and {@code releaseLock}: locks by key, held by the JVM rather than by a
 * method call, as the seed's service had them. This JVM remembers the owner token of each key it holds, and under
 * {@code failMode=lastHolder} the keys it was granted without a lock while Redis could not answer.
 */
final class FacadeLocks {

  private static final int PRUNE_ABOVE = 256;

  private final String keyPrefix;
  private final FailMode failMode;
  private final LockAttempts attempts;
  private final LockStore store;
  private final FailPolicy failPolicy;
  /** {@code null} unless the fail mode is lastHolder. */
  private final LastHolders lastHolders;

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
    LockRequest request = new LockRequest(keyPrefix + key, ttlMillis, failMode);
    long calledAt = System.nanoTime();
    Acquisition acquisition = attempts.attempt(request);
    switch (acquisition.status()) {
      case ACQUIRED:
        hold(request, acquisition.token(), ttlMillis);
        if (lastHolders != null) {
          lastHolders.acquiredFor(request.key(), calledAt, System.nanoTime(),
              TimeUnit.MILLISECONDS.toNanos(ttlMillis));
        }
        return true;
      case BUSY:
        if (lastHolders != null) {
          lastHolders.busy(request.key(), calledAt, System.nanoTime());
        }
        return false;
      default:
        return lastHolders == null ? failPolicy.runs(failMode, request.key())
            : acquireAsLastHolder(request, calledAt, ttlMillis);
    }
  }

  /**
   * Redis could not answer: the key is granted, without a lock, where this JVM held it last, for its ttl or until
   * released, and once at a time, as the lock would be.
   */
  private boolean acquireAsLastHolder(LockRequest request, long calledAt, long ttlMillis) {
    String key = request.key();
    long now = System.nanoTime();
    synchronized (lastHolders.monitor(key)) {
      boolean heldLast = lastHolders.heldLast(key, calledAt, now);
      Held own = held.get(key);
      if (own != null && now - own.expiresAtNanos < 0) {
        // Granted already, with or without a lock: once at a time, as the lock would be.
        return false;
      }
      if (!failPolicy.runsAsLastHolder(key, heldLast)) {
        return false;
      }
      hold(request, null, ttlMillis);
      return true;
    }
  }

  boolean release(String key) {
    Held lock = held.remove(keyPrefix + key);
    if (lock == null) {
      return false;
    }
    if (lastHolders != null) {
      lastHolders.releasedByFacade(lock.request.key(), System.nanoTime());
    }
    // Granted during an outage without a lock: nothing in Redis to release.
    return lock.token == null || store.await(store.release(new Release(lock.request, lock.token, 0)));
  }

  private void hold(LockRequest request, String token, long ttlMillis) {
    if (held.size() >= PRUNE_ABOVE) {
      forgetExpired();
    }
    held.put(request.key(), new Held(request, token, ttlMillis));
  }

  // Locks taken with acquireLock and left to expire (the seed's usual way) would otherwise stay here for good.
  private void forgetExpired() {
    long now = System.nanoTime();
    held.values().removeIf(lock -> now - lock.expiresAtNanos >= 0);
  }

  private static final class Held {
    final LockRequest request;
    /** {@code null} when granted without a lock under lastHolder. */
    final String token;
    final long expiresAtNanos;

    Held(LockRequest request, String token, long ttlMillis) {
      this.request = request;
      this.token = token;
      this.expiresAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMillis);
    }
  }
}
