package io.github.distlock.agent.core.lastholder;

import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.lock.FacadeFailPolicy;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import java.util.concurrent.TimeUnit;

/**
 * {@code failMode=lastHolder} for {@code DistributedLocks.acquireLock}: while Redis cannot answer, the key is
 * granted, without a lock, where this JVM held it last, for its ttl or until released, and once at a time, as the
 * lock would be.
 */
public final class LastHolderGrants implements FacadeFailPolicy {

  private final LastHolders lastHolders;
  private final LockMetrics metrics;
  private final Ticker ticker;

  public LastHolderGrants(LastHolders lastHolders, LockMetrics metrics, Ticker ticker) {
    this.lastHolders = lastHolders;
    this.metrics = metrics;
    this.ticker = ticker;
  }

  @Override
  public void acquired(String key, long calledAt, long ttlMillis) {
    lastHolders.acquiredFor(key, calledAt, ticker.nanoTime(), TimeUnit.MILLISECONDS.toNanos(ttlMillis));
  }

  @Override
  public void foundHeld(String key, long calledAt) {
    lastHolders.busy(key, calledAt, ticker.nanoTime());
  }

  @Override
  public boolean unanswered(String key, long calledAt, Grant grant) {
    long now = ticker.nanoTime();
    synchronized (lastHolders.monitor(key)) {
      boolean heldLast = lastHolders.heldLast(key, calledAt, now);
      if (grant.isHeld(now)) {
        // Granted already, with or without a lock: once at a time, as the lock would be.
        return false;
      }
      metrics.count(heldLast ? LockEvent.FAILED_LAST_HOLDER : LockEvent.FAILED_CLOSED, key);
      if (heldLast) {
        grant.hold();
      }
      return heldLast;
    }
  }

  @Override
  public void released(String key) {
    lastHolders.releasedByFacade(key, ticker.nanoTime());
  }
}
