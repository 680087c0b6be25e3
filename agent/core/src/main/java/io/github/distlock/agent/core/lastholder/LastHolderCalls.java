package io.github.distlock.agent.core.lastholder;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.lock.FailClosed;
import io.github.distlock.agent.core.lock.FailPolicy;
import io.github.distlock.agent.core.lock.Lease;
import io.github.distlock.agent.core.lock.LeaseRenewer;
import io.github.distlock.agent.core.lock.LockAttempts;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.bootstrap.LockBridge;
import java.util.concurrent.TimeUnit;

/**
 * {@code failMode=lastHolder} for locked method calls: every answer Redis gives is recorded in {@link LastHolders},
 * and a call Redis cannot answer runs only where this JVM held the key last and no call of this JVM runs on the key
 * already, locked or not ({@link OutageRuns}). Where it cannot claim the key it is {@link FailClosed}, which it
 * wraps.
 */
public final class LastHolderCalls implements FailPolicy {

  private final LastHolders lastHolders;
  private final FailClosed closed;
  private final OutageRuns outageRuns;
  private final LockMetrics metrics;
  private final Ticker ticker;

  public LastHolderCalls(LastHolders lastHolders, FailClosed closed, LockAttempts attempts, LockStore store,
      LeaseRenewer renewer, LockMetrics metrics, AgentLog log, Ticker ticker) {
    this.lastHolders = lastHolders;
    this.closed = closed;
    this.outageRuns = new OutageRuns(attempts, store, lastHolders, renewer, metrics, log, ticker);
    this.metrics = metrics;
    this.ticker = ticker;
  }

  /** No JVM can have held a lock that is never taken: the call skips, as closed does. */
  @Override
  public Object unusable(LockSite site) {
    return closed.unusable(site);
  }

  /**
   * The lock goes to a call of this JVM that began while Redis could not answer and still runs, when there is one:
   * then this call skips.
   */
  @Override
  public boolean acquired(String key, String token, long calledAt) {
    long answeredAt = ticker.nanoTime();
    synchronized (lastHolders.monitor(key)) {
      if (outageRuns.handOver(key, token)) {
        lastHolders.answered(key, calledAt, answeredAt);
        metrics.count(LockEvent.SKIPPED, key);
        return false;
      }
      lastHolders.acquired(key, calledAt, answeredAt);
      return true;
    }
  }

  @Override
  public void notStarted(String key) {
    lastHolders.released(key, ticker.nanoTime(), 0);
  }

  @Override
  public void busy(String key, long calledAt) {
    lastHolders.busy(key, calledAt, ticker.nanoTime());
  }

  /** The call runs, on a lease without a lock, where this JVM held the key last; else it skips. */
  @Override
  public Object unanswered(LockSite site, LockRequest request, long calledAt) {
    String key = request.key();
    long now = ticker.nanoTime();
    synchronized (lastHolders.monitor(key)) {
      // Every call keeps, or breaks, the pace, whether it runs or not.
      boolean heldLast = lastHolders.heldLast(key, calledAt, now);
      if (lastHolders.isOwn(key, calledAt) || outageRuns.isBusy(key, now)) {
        // This JVM's own call still runs on the key, or ran within lockAtLeastFor: the lock would make this one
        // wait its turn too.
        metrics.count(LockEvent.SKIPPED, key);
        return LockBridge.SKIP;
      }
      // Under this monitor no other call of this JVM can have started a run on the key since the check above.
      metrics.count(heldLast ? LockEvent.FAILED_LAST_HOLDER : LockEvent.FAILED_CLOSED, key);
      Lease run = heldLast ? outageRuns.start(site, request) : null;
      return run != null ? run : LockBridge.SKIP;
    }
  }

  @Override
  public void ending(Lease lease, boolean locked, long now, long keepForMillis) {
    outageRuns.ended(lease, now);
    if (locked) {
      String key = lease.request().key();
      lastHolders.released(key, now, TimeUnit.MILLISECONDS.toNanos(keepForMillis));
      if (lease.isLost()) {
        lastHolders.lost(key);
      }
    }
  }

  /** A lock found expired or taken over at its release: another owner may have taken it since. */
  @Override
  public void releaseAnswered(String key, boolean released) {
    if (!released) {
      lastHolders.lost(key);
    }
  }
}
