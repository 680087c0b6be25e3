package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import java.util.concurrent.TimeUnit;

/**
 * What a {@code failMode=lastHolder} method call adds to a lock call: it records every answer in
 * {@link LastHolders}, and when Redis cannot answer, runs the call only where this JVM held the key last and no
 * call of this JVM runs on the key already, locked or not ({@link OutageRuns}).
 */
final class LastHolderCalls {

  private final LastHolders lastHolders;
  private final OutageRuns outageRuns;
  private final FailPolicy failPolicy;
  private final LockMetrics metrics;

  LastHolderCalls(LastHolders lastHolders, LockAttempts attempts, LockStore store, LeaseRenewer renewer,
      FailPolicy failPolicy, LockMetrics metrics, AgentLog log) {
    this.lastHolders = lastHolders;
    this.outageRuns = new OutageRuns(attempts, store, lastHolders, renewer, metrics, log);
    this.failPolicy = failPolicy;
    this.metrics = metrics;
  }

  /**
   * A call made at {@code calledAt} took {@code key} with {@code token}: {@code true} when the call runs on it (and
   * must then start on it, or report {@link #notStarted}), {@code false} when the lock went to a call of this JVM
   * that began while Redis could not answer and still runs, and the call must skip.
   */
  boolean acquired(String key, String token, long calledAt) {
    long answeredAt = System.nanoTime();
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

  /** A call that {@link #acquired} its key failed before it could run on the lock. */
  void notStarted(String key) {
    lastHolders.released(key, System.nanoTime(), 0);
  }

  void busy(String key, long calledAt) {
    lastHolders.busy(key, calledAt, System.nanoTime());
  }

  /**
   * Redis could not answer the call made at {@code calledAt}: the lease, without a lock, to run it on, or
   * {@code null} to skip it.
   */
  Lease unanswered(LockSite site, LockRequest request, long calledAt) {
    String key = request.key();
    long now = System.nanoTime();
    synchronized (lastHolders.monitor(key)) {
      // Every call keeps, or breaks, the pace, whether it runs or not.
      boolean heldLast = lastHolders.heldLast(key, calledAt, now);
      if (lastHolders.isOwn(key, calledAt) || outageRuns.isBusy(key, now)) {
        // This JVM's own call still runs on the key, or ran within lockAtLeastFor: the lock would make this one
        // wait its turn too.
        metrics.count(LockEvent.SKIPPED, key);
        return null;
      }
      // Under this monitor no other call of this JVM can have started a run on the key since the check above.
      return failPolicy.runsAsLastHolder(key, heldLast) ? outageRuns.start(site, request) : null;
    }
  }

  /**
   * The lease's last call has ended; {@code locked}: its lock is being released with {@code keepForMillis} left.
   * Call it holding no lease's monitor.
   */
  void ending(Lease lease, boolean locked, long now, long keepForMillis) {
    outageRuns.ended(lease, now);
    if (locked) {
      lastHolders.released(lease.request.key(), now, TimeUnit.MILLISECONDS.toNanos(keepForMillis));
      if (lease.lost) {
        lastHolders.lost(lease.request.key());
      }
    }
  }

  /** The release found the lock expired or taken over: another owner may have taken it since. */
  void lost(String key) {
    lastHolders.lost(key);
  }
}
