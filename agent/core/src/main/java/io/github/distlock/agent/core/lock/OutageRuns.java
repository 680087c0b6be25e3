package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.redis.Acquisition;
import io.github.distlock.agent.core.redis.LockRequest;
import io.github.distlock.agent.core.redis.LockStore;
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
 */
final class OutageRuns {

  static final long RETRY_MILLIS = 100;

  private final LockAttempts attempts;
  private final LockStore store;
  private final LastHolders lastHolders;
  private final LeaseRenewer renewer;
  private final LockMetrics metrics;
  private final AgentLog log;
  private final ConcurrentMap<String, Run> byKey = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor retries;

  OutageRuns(LockAttempts attempts, LockStore store, LastHolders lastHolders, LeaseRenewer renewer,
      LockMetrics metrics, AgentLog log) {
    this.attempts = attempts;
    this.store = store;
    this.lastHolders = lastHolders;
    this.renewer = renewer;
    this.metrics = metrics;
    this.log = log;
    this.retries = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "distlock-outage-runs");
      thread.setDaemon(true);
      return thread;
    });
    retries.setKeepAliveTime(1, TimeUnit.SECONDS);
    retries.allowCoreThreadTimeOut(true);
    retries.setRemoveOnCancelPolicy(true);
  }

  /** A call for the request's key starts without a lock; {@code null} when this JVM already runs one for it. */
  Lease start(LockSite site, LockRequest request) {
    Run run = new Run(new Lease(site, request, null, System.nanoTime()));
    if (byKey.putIfAbsent(request.key(), run) != null) {
      return null;
    }
    run.retries = retries.scheduleWithFixedDelay(() -> retry(run), RETRY_MILLIS, RETRY_MILLIS,
        TimeUnit.MILLISECONDS);
    return run.lease;
  }

  /** Whether this JVM runs a call for {@code key} that began while Redis could not answer. */
  boolean isRunning(String key) {
    return byKey.containsKey(key);
  }

  /**
   * A call of this JVM has just taken {@code key}: when a call that began without a lock still runs for it, that
   * call gets the lock, and the caller must skip. Returns whether it did.
   */
  boolean handOver(String key, String token) {
    Run run = byKey.get(key);
    return run != null && adopt(run, token);
  }

  /** The call on {@code lease} has ended: no more attempts to lock it. */
  void ended(Lease lease) {
    String key = lease.request.key();
    Run run = byKey.get(key);
    if (run == null || run.lease != lease || !byKey.remove(key, run)) {
      return;
    }
    run.stopRetrying();
    if (lease.token == null && run.sawOtherOwner) {
      metrics.count(LockEvent.LOST, key);
      lastHolders.lost(key);
      log.warn(lease.site.name() + " began while Redis could not answer, and when Redis answered again another"
          + " owner held " + key + " before the run ended: both may have run at once");
    }
  }

  // Nothing may escape: the executor would drop the task silently.
  private void retry(Run run) {
    Lease lease = run.lease;
    try {
      if (lease.released.get() || lease.token != null) {
        run.stopRetrying();
        return;
      }
      Acquisition acquisition = attempts.attempt(lease.request);
      if (acquisition.status() == Acquisition.Status.BUSY) {
        // Perhaps another replica's SET that timed out during a hang and is about to be deleted: keep trying.
        run.sawOtherOwner = true;
      } else if (acquisition.status() == Acquisition.Status.ACQUIRED && !adopt(run, acquisition.token())) {
        // The call ended while the lock was on its way.
        store.settle(store.release(lease.request, acquisition.token(), 0));
      }
    } catch (Throwable t) {
      if (!run.errorLogged) {
        run.errorLogged = true;
        log.error("could not lock " + lease.request.key() + " for " + lease.site.name()
            + ", which runs without a lock; retrying", t);
      }
    }
  }

  private boolean adopt(Run run, String token) {
    Lease lease = run.lease;
    synchronized (lease) {
      if (lease.released.get() || lease.token != null) {
        return false;
      }
      lease.token = token;
      lease.acquiredAtNanos = System.nanoTime();
      // Under the lease's monitor, which the release takes to read the token: counted before it is released.
      lastHolders.adopted(lease.request.key());
      if (lease.site.keepAlive()) {
        lease.renewal = renewer.start(lease);
      }
    }
    run.stopRetrying();
    metrics.count(LockEvent.ACQUIRED, lease.request.key());
    log.info(lease.site.name() + " began while Redis could not answer and still runs: it now holds "
        + lease.request.key());
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
