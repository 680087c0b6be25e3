package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.AgentThreads;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.StoreFailure;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the leases of long jobs alive: every third of the ttl, an owner-checked {@code PEXPIRE} sets the lock to
 * expire a full ttl later. All renewals share one daemon thread; the Redis calls themselves are asynchronous.
 * Renewal goes on while the JVM shuts down, since an application's graceful shutdown may still be running locked
 * bodies; it ends with the JVM, and a body still running then leaves its lock to expire after its ttl.
 */
public final class LeaseRenewer {

  private static final long MIN_PERIOD_MILLIS = 10;

  private final LockStore client;
  private final LockMetrics metrics;
  private final AgentLog log;
  private final Ticker ticker;
  private final ScheduledThreadPoolExecutor scheduler;

  public LeaseRenewer(LockStore client, LockMetrics metrics, AgentLog log, Ticker ticker) {
    this.client = client;
    this.metrics = metrics;
    this.log = log;
    this.ticker = ticker;
    this.scheduler =
        new ScheduledThreadPoolExecutor(1, runnable -> AgentThreads.daemon(runnable, "distlock-renewal"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Starts the renewal thread now, from the caller's context, rather than when the first long job schedules a
   * renewal from its own thread.
   */
  public void startThread() {
    scheduler.prestartCoreThread();
  }

  /** Starts renewing {@code lease} until its {@link Renewal} is cancelled. */
  Renewal start(Lease lease) {
    Renewal renewal = new Renewal(lease);
    long period = Math.max(MIN_PERIOD_MILLIS, lease.site().ttlMillis() / 3);
    renewal.future = scheduler.scheduleAtFixedRate(renewal, period, period, TimeUnit.MILLISECONDS);
    return renewal;
  }

  /** The renewals of one lease. */
  final class Renewal implements Runnable {

    private final Lease lease;
    private volatile boolean done;
    private volatile long confirmedAtNanos;
    private volatile ScheduledFuture<?> future;

    private Renewal(Lease lease) {
      this.lease = lease;
      this.confirmedAtNanos = lease.acquiredAtNanos();
    }

    // The scheduler drops a periodic task that throws, silently: nothing may escape.
    @Override
    public void run() {
      try {
        renew();
      } catch (Throwable t) {
        metrics.count(LockEvent.ERROR, lease.request().key());
        log.error("renewal of " + lease.request().key() + " failed; retrying at the next period", t);
      }
    }

    private void renew() {
      long sentAt = ticker.nanoTime();
      String key = lease.request().key();
      CompletionStage<Boolean> reply = lease.renew(client, () -> !done);
      if (reply == null) {
        cancel();
        return;
      }
      reply.whenComplete((renewed, failure) -> {
        if (done) {
          return;
        }
        if (failure == null && renewed) {
          confirmedAtNanos = sentAt;
          metrics.count(LockEvent.RENEWED, key);
        } else if (failure == null) {
          lost("the key is gone or held by another owner");
        } else if (sentAt - confirmedAtNanos >= TimeUnit.MILLISECONDS.toNanos(lease.site().ttlMillis())) {
          // Unreachable for a whole ttl: whatever Redis holds now, it is no longer our lease.
          lost("Redis was unreachable for longer than the ttl");
        } else {
          metrics.count(LockEvent.ERROR, key);
          log.debug("renewal of " + key + " failed, retrying: " + StoreFailure.describe(failure));
        }
      });
    }

    private void lost(String why) {
      cancel();
      lease.markLost();
      metrics.count(LockEvent.LOST, lease.request().key());
      log.error("lock " + lease.request().key() + " lost while " + lease.site().name() + " was running: " + why
          + "; another replica may run it concurrently (the running body is not interrupted)");
    }

    /**
     * Stops renewing. The lease calls it under its monitor as it ends, and sends renewals only under that monitor
     * while this has not been called, so that no renewal follows the release; a renewal that found the lock lost
     * has nothing to follow it.
     */
    void cancel() {
      done = true;
      ScheduledFuture<?> scheduled = future;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }
  }
}
