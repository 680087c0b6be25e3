package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.LockRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lock held by the current thread for one locked method call, and the calls nested in it on the same key.
 * Only the outermost exit releases it. Its monitor orders renewals against the release: a renewal sent after
 * the release would stretch a lock that {@code lockAtLeastFor} has just shortened back to its whole ttl.
 */
final class Lease {

  final LockSite site;
  /** This call's key: the site's, or the one its arguments made. */
  final LockRequest request;
  /**
   * The owner token; {@code null} for a call that began without a lock under {@code failMode=lastHolder}, until
   * it takes one ({@link OutageRuns}), under this lease's monitor.
   */
  volatile String token;
  volatile long acquiredAtNanos;
  /** Calls on this lease still running: guarded by this lease's monitor. */
  int depth = 1;
  /** Results of calls on this lease that have not settled yet: guarded by this lease's monitor. */
  final List<CompletionStage<?>> pendingStages = new ArrayList<>(1);
  /** Set by whichever thread releases the lock first; the release is sent once. */
  final AtomicBoolean released = new AtomicBoolean();
  /** Drawn on the body's first {@code fencingToken()} call; 0 until then. Used by the holding thread only. */
  long fencingToken;
  /** Set when keepAlive found the lock gone; read by the thread that releases. */
  volatile boolean lost;
  LeaseRenewer.Renewal renewal;

  Lease(LockSite site, LockRequest request, String token, long acquiredAtNanos) {
    this.site = site;
    this.request = request;
    this.token = token;
    this.acquiredAtNanos = acquiredAtNanos;
  }

  /**
   * Whether no call runs on this lease any more and every result it is waiting for has completed, though the
   * callbacks that release it may not have run yet.
   */
  synchronized boolean isSettled() {
    if (depth > 0 || pendingStages.isEmpty()) {
      return false;
    }
    for (CompletionStage<?> stage : pendingStages) {
      try {
        if (!(stage instanceof Future) || !((Future<?>) stage).isDone()) {
          return false;
        }
      } catch (RuntimeException e) {
        // A stage that will not say (a minimal stage): its own callback releases the lock.
        return false;
      }
    }
    return true;
  }

  /** How long the lock must still live to honour {@code lockAtLeastFor}, or 0. */
  long keepForMillis(long nowNanos) {
    long remainingNanos = site.minHoldNanos() - (nowNanos - acquiredAtNanos);
    // Rounded up: expiring a millisecond early would defeat the point of lockAtLeastFor.
    return remainingNanos <= 0 ? 0 : (remainingNanos + 999_999) / 1_000_000;
  }
}
