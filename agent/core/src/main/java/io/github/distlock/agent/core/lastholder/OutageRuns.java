package io.github.distlock.agent.core.lastholder;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.AgentThreads;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.lock.Lease;
import io.github.distlock.agent.core.lock.LeaseRenewer;
import io.github.distlock.agent.core.lock.LockAttempts;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.Release;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Calls that run without a lock under {@code failMode=lastHolder} because Redis could not answer: at most one per
 * key in this JVM at a time, as the lock itself would allow. Such a call takes its lock as soon as Redis answers
 * again, so that when an outage ends no replica starts the job beside a run that is still going: an attempt every
 * {@link #RETRY_MILLIS} while the call runs, or the next call for the key in this JVM, which hands the lock it took
 * over to the running call and skips.
 *
 * <p>The attempts have a thread of their own, started with the first such call and gone a second after the last:
 * an attempt may wait the whole timeout for a hung Redis, and must not hold up the renewal of locks that are held.
 *
 * <p>A call that ran without a lock keeps the key busy in this JVM for the rest of its {@code lockAtLeastFor}, as
 * its lock would have.
 */
final class OutageRuns {

  static final long RETRY_MILLIS = 100;

  private final LockAttempts attempts;
  private final LockStore store;
  private final LastHolders lastHolders;
  private final LeaseRenewer renewer;
  private final LockMetrics metrics;
  private final AgentLog log;
  private final Ticker ticker;
  private final ConcurrentMap<String, Run> byKey = new ConcurrentHashMap<>();
  /** Keys whose unlocked call has ended within its {@code lockAtLeastFor}: until when. */
  private final ConcurrentMap<String, Long> busyUntil = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor retries;

  OutageRuns(LockAttempts attempts, LockStore store, LastHolders lastHolders, LeaseRenewer renewer,
      LockMetrics metrics, AgentLog log, Ticker ticker) {
    this.attempts = attempts;
    this.store = store;
    this.lastHolders = lastHolders;
    this.renewer = renewer;
    this.metrics = metrics;
    this.log = log;
    this.ticker = ticker;
    // Started from an application thread, the first time a call runs without a lock.
    this.retries =
        new ScheduledThreadPoolExecutor(1, runnable -> AgentThreads.daemon(runnable, "distlock-outage-runs"));
    retries.setKeepAliveTime(1, TimeUnit.SECONDS);
    retries.allowCoreThreadTimeOut(true);
    retries.setRemoveOnCancelPolicy(true);
  }

  /**
   * A call for the request's key starts without a lock; {@code null} when this JVM already runs one for it. Call it
   * holding the key's {@link LastHolders#monitor}.
   */
  Lease start(LockSite site, LockRequest request) {
    Run run = new Run(Lease.unlocked(site, request, ticker.nanoTime()));
    if (byKey.putIfAbsent(request.key(), run) != null) {
      return null;
    }
    try {
      run.retries = retries.scheduleWithFixedDelay(() -> retry(run), RETRY_MILLIS, RETRY_MILLIS,
          TimeUnit.MILLISECONDS);
    } catch (Throwable t) {
      // No thread for the attempts: the call must not stay registered, or the key would be busy for good.
      byKey.remove(request.key(), run);
      throw t;
    }
    return run.lease;
  }

  /**
   * Whether this JVM runs a call for {@code key} that began while Redis could not answer, or ran one within its
   * {@code lockAtLeastFor} of {@code now}.
   */
  boolean isBusy(String key, long now) {
    if (byKey.containsKey(key)) {
      return true;
    }
    Long until = busyUntil.get(key);
    if (until == null) {
      return false;
    }
    if (now - until < 0) {
      return true;
    }
    busyUntil.remove(key, until);
    return false;
  }

  /**
   * A call of this JVM has just taken {@code key}: when a call that began without a lock still runs for it, that
   * call gets the lock, and the caller must skip. Returns whether it did.
   */
  boolean handOver(String key, String token) {
    Run run = byKey.get(key);
    return run != null && adopt(run, token);
  }

  /** The call on {@code lease} has ended at {@code now}: no more attempts to lock it. */
  void ended(Lease lease, long now) {
    String key = lease.request().key();
    Run run = byKey.get(key);
    if (run == null || run.lease != lease || !byKey.remove(key, run)) {
      return;
    }
    run.stopRetrying();
    long until = lease.acquiredAtNanos() + lease.site().minHoldNanos();
    if (lease.token() == null && now - until < 0) {
      busyUntil.put(key, until);
    }
    if (run.sawOtherOwner) {
      metrics.count(LockEvent.LOST, key);
      lastHolders.lost(key);
      log.warn(lease.site().name() + " began while Redis could not answer; when Redis answered again, another owner"
          + " held " + key + " while it still ran: both may have run at once");
    }
  }

  // Nothing may escape: the executor would drop the task silently.
  private void retry(Run run) {
    Lease lease = run.lease;
    try {
      if (lease.isReleased() || lease.token() != null) {
        run.stopRetrying();
        return;
      }
      Acquisition acquisition = attempts.attempt(lease.request());
      if (acquisition.status() == Acquisition.Status.BUSY) {
        // Another owner, or another replica's SET that timed out in a hang and is about to be deleted: keep trying.
        run.sawOtherOwner = true;
      } else if (acquisition.status() == Acquisition.Status.ACQUIRED) {
        boolean adopted;
        synchronized (lastHolders.monitor(lease.request().key())) {
          adopted = adopt(run, acquisition.token());
        }
        if (!adopted) {
          // The call ended while the lock was on its way.
          store.settle(store.release(new Release(lease.request(), acquisition.token(), 0, null)));
        }
      }
    } catch (Throwable t) {
      if (!run.errorLogged) {
        run.errorLogged = true;
        log.error("could not lock " + lease.request().key() + " for " + lease.site().name()
            + ", which runs without a lock; retrying", t);
      }
    }
  }

  /** Call it holding the key's {@link LastHolders#monitor}. */
  private boolean adopt(Run run, String token) {
    Lease lease = run.lease;
    String key = lease.request().key();
    // Counted while the lease's release cannot read the token yet: before it is released.
    if (!lease.adopt(token, ticker.nanoTime(), renewer, () -> lastHolders.adopted(key))) {
      return false;
    }
    run.stopRetrying();
    metrics.count(LockEvent.ACQUIRED, key);
    log.info(lease.site().name() + " began while Redis could not answer and still runs: it now holds " + key);
    return true;
  }

  /** One call running without a lock, and its attempts to take it. */
  private static final class Run {

    final Lease lease;
    volatile Future<?> retries;
    volatile boolean sawOtherOwner;
    volatile boolean errorLogged;

    Run(Lease lease) {
      this.lease = lease;
    }

    void stopRetrying() {
      Future<?> scheduled = retries;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }
  }
}
