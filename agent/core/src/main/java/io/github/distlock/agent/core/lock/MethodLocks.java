package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.site.LockSites;
import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.Release;
import io.github.distlock.agent.core.store.StoreFailure;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockBridge;
import io.github.distlock.bootstrap.LockRuntime;
import java.util.concurrent.CompletionStage;

/**
 * What a {@code @DistributedLock} method does on entry and exit: reentrancy, acquire, skip, the fail mode,
 * renewal, release; and, inside the body, {@code assertLocked()} and {@code fencingToken()}.
 */
final class MethodLocks {

  private final LockSites sites;
  private final LockAttempts attempts;
  private final LockStore store;
  private final LeaseRenewer renewer;
  private final FailPolicy failPolicy;
  private final LockMetrics metrics;
  private final OutageLog outage;
  private final AgentLog log;
  private final HeldLocks held = new HeldLocks();
  private final SettlingLeases settling;
  private final LastHolderCalls lastHolder;

  MethodLocks(LockSites sites, LockAttempts attempts, LockStore store, LeaseRenewer renewer, FailPolicy failPolicy,
      LastHolderCalls lastHolder, LockMetrics metrics, OutageLog outage, AgentLog log) {
    this.sites = sites;
    this.attempts = attempts;
    this.store = store;
    this.renewer = renewer;
    this.failPolicy = failPolicy;
    this.metrics = metrics;
    this.outage = outage;
    this.log = log;
    this.settling = new SettlingLeases(this::releaseOnce, log);
    this.lastHolder = lastHolder;
  }

  /** @param args the call's arguments, for a key built from them; {@code null} for a site whose key is fixed */
  Object enter(int siteId, Object[] args) {
    LockSite site = sites.get(siteId);
    if (!site.isValid()) {
      // lastHolder cannot have held a lock that is never taken: it skips, as closed does.
      return failPolicy.runs(site.failMode(), site.name()) ? null : LockBridge.SKIP;
    }
    LockRequest request = site.request(args);
    String key = request.key();
    Lease nested = held.find(key);
    if (nested != null) {
      synchronized (nested) {
        nested.depth++;
      }
      held.add(nested);
      return nested;
    }
    settling.releaseIfSettled(key);
    long started = System.nanoTime();
    Acquisition acquisition = attempts.attempt(request);
    boolean lastHolderSite = site.failMode() == FailMode.LAST_HOLDER;
    switch (acquisition.status()) {
      case ACQUIRED:
        if (lastHolderSite && !lastHolder.acquired(key, acquisition.token(), started)) {
          return LockBridge.SKIP;
        }
        try {
          long acquiredAt = System.nanoTime();
          metrics.acquired(key, acquiredAt - started);
          Lease lease = new Lease(site, request, acquisition.token(), acquiredAt);
          if (site.keepAlive()) {
            lease.renewal = renewer.start(lease);
          }
          held.add(lease);
          return lease;
        } catch (Throwable t) {
          if (lastHolderSite) {
            lastHolder.notStarted(key);
          }
          throw t;
        }
      case BUSY:
        if (lastHolderSite) {
          lastHolder.busy(key, started);
        }
        metrics.count(LockEvent.SKIPPED, key);
        if (log.isDebugEnabled()) {
          log.debug("skipped " + site.name() + ": lock " + key + " is held by another owner");
        }
        return LockBridge.SKIP;
      default:
        if (lastHolderSite) {
          Lease run = lastHolder.unanswered(site, request, started);
          if (run == null) {
            return LockBridge.SKIP;
          }
          held.add(run);
          return run;
        }
        return failPolicy.runs(site.failMode(), key) ? null : LockBridge.SKIP;
    }
  }

  /**
   * Runs another call on a lease taken by another call, perhaps on another thread: a resumption of the coroutine
   * that took it. {@link #exit} ends the call.
   */
  void rejoin(Lease lease) {
    synchronized (lease) {
      lease.depth++;
    }
    held.add(lease);
  }

  void exit(Lease lease) {
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
    synchronized (lease) {
      return --lease.depth == 0 && lease.pendingStages.isEmpty();
    }
  }

  private void releaseOnce(Lease lease) {
    if (!lease.released.compareAndSet(false, true)) {
      return;
    }
    settling.forget(lease);
    try {
      release(lease);
    } catch (RuntimeException e) {
      log.error("could not release lock " + lease.request.key() + " after " + lease.site.name()
          + "; it expires after its ttl", e);
    }
  }

  private void release(Lease lease) {
    String key = lease.request.key();
    long now = System.nanoTime();
    CompletionStage<Boolean> reply = null;
    boolean lastHolderSite = lease.site.failMode() == FailMode.LAST_HOLDER;
    boolean locked = false;
    try {
      synchronized (lease) {
        if (lease.token == null) {
          // A call that ran without a lock, and never took one.
          return;
        }
        locked = true;
        if (lease.renewal != null) {
          lease.renewal.cancel();
        }
        reply = store.release(new Release(lease.request, lease.token, lease.keepForMillis(now)));
      }
    } finally {
      // Outside the lease's monitor, which comes after the key's. A failing release must not leave this JVM counted
      // as running on the key.
      if (lastHolderSite) {
        lastHolder.ending(lease, locked, now, lease.keepForMillis(now));
      }
    }
    store.settle(reply);
    reply.whenComplete((released, failure) -> {
      if (lastHolderSite && failure == null && !released) {
        lastHolder.lost(key);
      }
      if (failure != null) {
        metrics.count(LockEvent.ERROR, key);
        outage.unavailable("release of " + key + " failed (" + StoreFailure.describe(failure) + "); unless Redis"
            + " refused it, it is sent again once Redis answers, until the lock's ttl ends");
      } else if (released) {
        metrics.released(key, now - lease.acquiredAtNanos);
      } else if (!lease.lost) {
        // Expired before the body finished: another replica may have run meanwhile. keepAlive prevents this.
        metrics.count(LockEvent.LOST, key);
        log.warn("lock " + key + " had expired or been taken over before " + lease.site.name() + " finished; "
            + (lease.site.keepAlive()
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
    if (lease == null || lease.token == null) {
      return LockRuntime.FENCE_NOT_HELD;
    }
    if (lease.fencingToken == 0) {
      long drawn = store.drawFence(lease.request, lease.token);
      if (drawn == LockRuntime.FENCE_LOST) {
        log.warn("no fencing token for " + lease.site.name() + ": lock " + lease.request.key()
            + " has expired or been taken over");
      }
      if (drawn <= 0) {
        return drawn;
      }
      lease.fencingToken = drawn;
    }
    return lease.fencingToken;
  }
}
