package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.history.RunOutcome;
import io.github.distlock.agent.core.history.RunRecord;
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
 * method call, as the seed's service had them. This JVM remembers the owner token of each key it holds, and the keys
 * its fail mode granted without a lock while Redis could not answer ({@link FacadeFailPolicy}).
 */
final class FacadeLocks {

  private static final int PRUNE_ABOVE = 256;

  private final String keyPrefix;
  private final FailMode failMode;
  private final LockAttempts attempts;
  private final LockStore store;
  private final FacadeFailPolicy policy;
  private final Ticker ticker;

  private final Map<String, Held> held = new ConcurrentHashMap<>();

  FacadeLocks(String keyPrefix, FailMode failMode, LockAttempts attempts, LockStore store, FailPolicies policies,
      Ticker ticker) {
    this.keyPrefix = keyPrefix;
    this.failMode = failMode;
    this.attempts = attempts;
    this.store = store;
    this.policy = policies.ofFacade(failMode);
    this.ticker = ticker;
  }

  boolean acquire(String key, long ttlMillis) {
    LockRequest request = new LockRequest(keyPrefix + key, ttlMillis, failMode);
    long calledAt = ticker.nanoTime();
    Acquisition acquisition = attempts.attempt(request);
    switch (acquisition.status()) {
      case ACQUIRED:
        hold(request, acquisition.token());
        policy.acquired(request.key(), calledAt, ttlMillis);
        return true;
      case BUSY:
        policy.foundHeld(request.key(), calledAt);
        return false;
      default:
        return policy.unanswered(request.key(), calledAt, new FacadeFailPolicy.Grant() {
          @Override
          public boolean isHeld(long now) {
            Held own = held.get(request.key());
            return own != null && now - own.expiresAtNanos() < 0;
          }

          @Override
          public void hold() {
            FacadeLocks.this.hold(request, null);
          }
        });
    }
  }

  boolean release(String key) {
    Held lock = held.remove(keyPrefix + key);
    if (lock == null) {
      return false;
    }
    policy.released(lock.request.key());
    // Granted during an outage without a lock: nothing in Redis to release.
    return lock.token == null || store.await(store.release(new Release(lock.request, lock.token, 0, lock.run())));
  }

  private void hold(LockRequest request, String token) {
    if (held.size() >= PRUNE_ABOVE) {
      forgetExpired();
    }
    held.put(request.key(), new Held(request, token, ticker.nanoTime(), ticker.epochMillis()));
  }

  // Locks taken with acquireLock and left to expire (the seed's usual way) would otherwise stay here for good.
  private void forgetExpired() {
    long now = ticker.nanoTime();
    held.values().removeIf(lock -> now - lock.expiresAtNanos() >= 0);
  }

  private final class Held {
    final LockRequest request;
    /** {@code null} when granted without a lock. */
    final String token;
    final long acquiredAtNanos;
    final long acquiredAtMillis;

    Held(LockRequest request, String token, long acquiredAtNanos, long acquiredAtMillis) {
      this.request = request;
      this.token = token;
      this.acquiredAtNanos = acquiredAtNanos;
      this.acquiredAtMillis = acquiredAtMillis;
    }

    long expiresAtNanos() {
      return acquiredAtNanos + TimeUnit.MILLISECONDS.toNanos(request.ttlMillis());
    }

    /** The run from {@code acquireLock} to {@code releaseLock}: the facade knows of no failure. */
    RunRecord run() {
      long durationMillis = TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - acquiredAtNanos);
      return new RunRecord(acquiredAtMillis, durationMillis, request.ttlMillis(), RunOutcome.OK, null);
    }
  }
}
