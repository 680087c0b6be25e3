package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.redis.Acquisition;
import io.github.distlock.agent.core.redis.LockRequest;
import io.github.distlock.agent.core.redis.OutageLog;
import io.github.distlock.agent.core.redis.RedisLockClient;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockBridge;
import io.github.distlock.bootstrap.LockRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What a locked method does on entry and exit: reentrancy, acquire, skip, the fail mode, release. The bridge
 * forwards every advice call here.
 */
public final class DistlockRuntime implements LockRuntime {

  private final LockSites sites;
  private final RedisLockClient client;
  private final LeaseRenewer renewer;
  private final LockMetrics metrics;
  private final FailMode failMode;
  private final String keyPrefix;
  private final AgentLog log;
  private final OutageLog outage;
  private final Runnable firstUse;
  private final HeldLocks held = new HeldLocks();
  private final Map<String, String> facadeTokens = new ConcurrentHashMap<>();

  /**
   * @param client {@code null} when the configuration is invalid: every lock then follows the fail mode
   * @param renewer {@code null} exactly when {@code client} is
   * @param firstUse connects to Redis once a lock is needed; the facade's calls run it, as class loading does
   */
  public DistlockRuntime(AgentConfig config, LockSites sites, RedisLockClient client, LeaseRenewer renewer,
      LockMetrics metrics, AgentLog log, OutageLog outage, Runnable firstUse) {
    this.sites = sites;
    this.client = client;
    this.renewer = renewer;
    this.metrics = metrics;
    this.failMode = config.failMode();
    this.keyPrefix = config.keyPrefix();
    this.log = log;
    this.outage = outage;
    this.firstUse = firstUse;
  }

  @Override
  public Object enter(int siteId) {
    LockSite site = sites.get(siteId);
    if (!site.isValid()) {
      return failModeDecision(site.name());
    }
    Lease nested = held.find(site.redisKey());
    if (nested != null) {
      nested.depth++;
      return nested;
    }
    long started = System.nanoTime();
    Acquisition acquisition = attempt(site.request());
    switch (acquisition.status()) {
      case ACQUIRED:
        long acquiredAt = System.nanoTime();
        metrics.acquired(site.redisKey(), acquiredAt - started);
        Lease lease = new Lease(site, acquisition.token(), acquisition.fencingToken(), acquiredAt);
        if (site.keepAlive()) {
          lease.renewal = renewer.start(lease);
        }
        held.add(lease);
        return lease;
      case BUSY:
        metrics.count(LockEvent.SKIPPED, site.redisKey());
        if (log.isDebugEnabled()) {
          log.debug("skipped " + site.name() + ": lock " + site.redisKey() + " is held by another owner");
        }
        return LockBridge.SKIP;
      default:
        return failModeDecision(site.redisKey());
    }
  }

  @Override
  public void exit(Object leaseObject) {
    Lease lease = (Lease) leaseObject;
    if (--lease.depth > 0) {
      return;
    }
    held.remove(lease);
    if (lease.renewal != null) {
      lease.renewal.cancel();
    }
    String key = lease.site.redisKey();
    long now = System.nanoTime();
    client.release(key, lease.token, lease.keepForMillis(now)).whenComplete((released, failure) -> {
      if (failure != null) {
        metrics.count(LockEvent.ERROR, key);
        outage.unavailable("release of " + key + " failed (" + failure + "); the lock expires after its ttl");
      } else if (released == 1L) {
        metrics.released(key, now - lease.acquiredAtNanos);
      } else if (!lease.lost) {
        // Expired before the body finished: another replica may have run meanwhile. keepAlive prevents this.
        metrics.count(LockEvent.LOST, key);
        log.warn("lock " + key + " had expired or been taken over before " + lease.site.name()
            + " finished; raise its ttl or set keepAlive = true");
      }
    });
  }

  @Override
  public boolean acquire(String key, long ttlMillis) {
    firstUse.run();
    String redisKey = keyPrefix + key;
    Acquisition acquisition = attempt(new LockRequest(redisKey, ttlMillis));
    switch (acquisition.status()) {
      case ACQUIRED:
        facadeTokens.put(redisKey, acquisition.token());
        return true;
      case BUSY:
        return false;
      default:
        return failModeDecision(redisKey) == null;
    }
  }

  @Override
  public boolean release(String key) {
    String redisKey = keyPrefix + key;
    String token = facadeTokens.remove(redisKey);
    if (token == null || client == null) {
      return false;
    }
    try {
      return client.await(client.release(redisKey, token, 0));
    } catch (ExecutionException | TimeoutException e) {
      outage.unavailable("release of " + redisKey + " failed (" + e + ")");
      return false;
    }
  }

  @Override
  public boolean isConnected() {
    firstUse.run();
    return client != null && client.isConnected();
  }

  @Override
  public boolean holdsLock() {
    return held.any();
  }

  @Override
  public long fencingToken() {
    Lease innermost = held.innermost();
    return innermost == null ? 0 : innermost.fencingToken;
  }

  private Acquisition attempt(LockRequest request) {
    if (client == null) {
      return Acquisition.unavailable("the configuration is invalid");
    }
    Acquisition acquisition = client.tryAcquire(request);
    if (acquisition.status() == Acquisition.Status.UNAVAILABLE) {
      outage.unavailable(acquisition.failure());
    } else {
      outage.available();
    }
    return acquisition;
  }

  /** Counts the failure against {@code key} and returns what the advice does: run (null) or skip. */
  private Object failModeDecision(String key) {
    if (failMode == FailMode.OPEN) {
      metrics.count(LockEvent.FAILED_OPEN, key);
      return null;
    }
    metrics.count(LockEvent.FAILED_CLOSED, key);
    return LockBridge.SKIP;
  }
}
