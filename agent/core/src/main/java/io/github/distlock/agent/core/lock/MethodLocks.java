package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.site.LockSites;
import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.Release;
import io.github.distlock.agent.core.store.StoreFailure;
import io.github.distlock.bootstrap.LockBridge;
import io.github.distlock.bootstrap.LockRuntime;
import java.util.concurrent.CompletionStage;

/**
 * What a {@code @DistributedLock} method does on entry and exit: reentrancy, acquire, skip, renewal, release (which
 * records the run, with what the body threw), with the turns that depend on the fail mode left to the site's
 * {@link FailPolicy}; and, inside the body, {@code assertLocked()} and {@code fencingToken()}.
 */
final class MethodLocks {

  private final LockSites sites;
  private final LockAttempts attempts;
  private final LockStore store;
  private final LeaseRenewer renewer;
  private final FailPolicies policies;
  private final LockMetrics metrics;
  private final OutageLog outage;
  private final AgentLog log;
  private final Ticker ticker;
  private final HeldLocks held = new HeldLocks();
  private final SettlingLeases settling;
  private final StuckHolders stuck;

  MethodLocks(LockSites sites, LockAttempts attempts, LockStore store, LeaseRenewer renewer,
      FailPolicies policies, LockMetrics metrics, OutageLog outage, AgentLog log, Ticker ticker) {
    this.sites = sites;
    this.attempts = attempts;
    this.store = store;
    this.renewer = renewer;
    this.policies = policies;
    this.metrics = metrics;
    this.outage = outage;
    this.log = log;
    this.ticker = ticker;
    this.settling = new SettlingLeases(this::releaseOnce, log);
    this.stuck = new StuckHolders(store, metrics, log, ticker);
  }

  /**
   * Enters a locked call: {@code LockBridge.SKIP}, {@code null} to run it with nothing to release, or the
   * {@link Lease} it runs on.
   *
   * @param args the call's arguments, for a key built from them; {@code null} for a site whose key is fixed
   */
  Object enter(int siteId, Object[] args) {
    LockSite site = sites.get(siteId);
    FailPolicy policy = policies.of(site);
    if (!site.isValid()) {
      return policy.unusable(site);
    }
    LockRequest request = site.request(args);
    String key = request.key();
    Lease nested = held.find(key);
    if (nested != null) {
      nested.join();
      held.add(nested);
      return nested;
    }
    settling.releaseIfSettled(key);
    long started = ticker.nanoTime();
    Acquisition acquisition = attempts.attempt(request);
    switch (acquisition.status()) {
      case ACQUIRED:
        return runLocked(site, request, policy, acquisition.token(), started);
      case BUSY:
        policy.busy(key, started);
        metrics.count(LockEvent.SKIPPED, key);
        stuck.skipped(request);
        if (log.isDebugEnabled()) {
          log.debug("skipped " + site.name() + ": lock " + key + " is held by another owner");
        }
        return LockBridge.SKIP;
      default:
        Object decided = policy.unanswered(site, request, started);
        if (decided instanceof Lease) {
          held.add((Lease) decided);
        }
        return decided;
    }
  }

  private Object runLocked(LockSite site, LockRequest request, FailPolicy policy, String token, long started) {
    String key = request.key();
    if (!policy.acquired(key, token, started)) {
      return LockBridge.SKIP;
    }
    try {
      long acquiredAt = ticker.nanoTime();
      metrics.acquired(key, acquiredAt - started);
      Lease lease = Lease.locked(site, request, token, acquiredAt);
      lease.keepAlive(renewer);
      held.add(lease);
      return lease;
    } catch (Throwable t) {
      policy.notStarted(key);
      throw t;
    }
  }

  /**
   * Runs another call on a lease taken by another call, perhaps on another thread: a resumption of the coroutine
   * that took it. {@link #exit} ends the call.
   */
  void rejoin(Lease lease) {
    lease.join();
    held.add(lease);
  }

  /** Ends a call on the lease that returned, or threw {@code thrown}. */
  void exit(Lease lease, Throwable thrown) {
    lease.failed(thrown);
    if (leave(lease)) {
      releaseOnce(lease);
    }
  }

  /**
   * Leaves a method that returned {@code result}: its thread no longer holds the lock, but the lock stays taken, and
   * renewed, until the result settles, and until the results of calls nested in it on the same key settle too.
   */
  void exitWhenSettled(Lease lease, CompletionStage<?> result) {
    settling.pending(lease, result);
    leave(lease);
    settling.releaseWhenSettled(lease, result);
  }

  /**
   * Ends one call on the lease, on the thread that made it: the lock can be released once no call runs on it, on
   * any thread, and no result is pending.
   */
  private boolean leave(Lease lease) {
    held.remove(lease);
    return lease.leave();
  }

  private void releaseOnce(Lease lease) {
    if (!lease.claimRelease()) {
      return;
    }
    settling.forget(lease);
    try {
      release(lease);
    } catch (RuntimeException e) {
      log.error("could not release lock " + lease.request().key() + " after " + lease.site().name()
          + "; it expires after its ttl", e);
    }
  }

  private void release(Lease lease) {
    String key = lease.request().key();
    FailPolicy policy = policies.of(lease.site());
    long now = ticker.nanoTime();
    Release release = null;
    CompletionStage<Boolean> reply;
    try {
      release = lease.end(now, ticker.epochMillis());
      if (release == null) {
        // A call that ran without a lock, and never took one.
        return;
      }
      reply = store.release(release);
    } finally {
      // A failing release must not leave this JVM counted as running on the key.
      policy.ending(lease, release != null, now, release == null ? 0 : release.keepForMillis());
    }
    store.settle(reply);
    Release sent = release;
    reply.whenComplete((released, failure) -> {
      if (failure != null) {
        metrics.count(LockEvent.ERROR, key);
        outage.unavailable("release of " + key + " failed (" + StoreFailure.describe(failure) + "); unless Redis"
            + " refused it, it is sent again once Redis answers, until the lock's ttl ends");
        return;
      }
      policy.releaseAnswered(key, released);
      metrics.ran(key, sent.run(), released);
      if (released) {
        metrics.released(key, now - lease.acquiredAtNanos());
      } else if (!lease.isLost()) {
        // Expired before the body finished: another replica may have run meanwhile. keepAlive prevents this.
        metrics.count(LockEvent.LOST, key);
        log.warn("lock " + key + " had expired or been taken over before " + lease.site().name() + " finished; "
            + (lease.site().keepAlive()
                ? "keepAlive was on, so the key was deleted, or lost by Redis in a restart or failover"
                : "raise its ttl or set keepAlive = true"));
      }
    });
  }

  boolean holdsLock() {
    return held.anyStillHeld();
  }

  long fencingToken() {
    Lease lease = held.innermost();
    if (lease == null || lease.token() == null) {
      return LockRuntime.FENCE_NOT_HELD;
    }
    if (lease.fencingToken() == 0) {
      long drawn = store.drawFence(lease.request(), lease.token());
      if (drawn == LockRuntime.FENCE_LOST) {
        log.warn("no fencing token for " + lease.site().name() + ": lock " + lease.request().key()
            + " has expired or been taken over");
      }
      if (drawn <= 0) {
        return drawn;
      }
      lease.fencingToken(drawn);
    }
    return lease.fencingToken();
  }
}
