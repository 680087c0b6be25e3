package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.redis.Acquisition;
import io.github.distlock.agent.core.redis.OutageLog;
import io.github.distlock.agent.core.redis.RedisLockClient;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockBridge;
import io.github.distlock.bootstrap.LockRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a locked method does on entry and exit: reentrancy, acquire, skip, the fail mode, release. The bridge
 * forwards every advice call here.
 */
public final class DistlockRuntime implements LockRuntime {

  private final LockSites sites;
  private final RedisLockClient client;
  private final FailMode failMode;
  private final String keyPrefix;
  private final AgentLog log;
  private final OutageLog outage;
  private final HeldLocks held = new HeldLocks();
  private final Map<String, String> facadeTokens = new ConcurrentHashMap<>();

  /**
   * @param client {@code null} when the configuration is invalid: every lock then follows the fail mode
   */
  public DistlockRuntime(LockSites sites, RedisLockClient client, FailMode failMode, String keyPrefix,
      AgentLog log, OutageLog outage) {
    this.sites = sites;
    this.client = client;
    this.failMode = failMode;
    this.keyPrefix = keyPrefix;
    this.log = log;
    this.outage = outage;
  }

  @Override
  public Object enter(int siteId) {
    LockSite site = sites.get(siteId);
    if (!site.isValid()) {
      return failModeDecision();
    }
    Lease nested = held.find(site.redisKey());
    if (nested != null) {
      nested.depth++;
      return nested;
    }
    Acquisition acquisition = attempt(site.redisKey(), site.ttlMillis());
    switch (acquisition.status()) {
      case ACQUIRED:
        Lease lease = new Lease(site, acquisition.token(), System.nanoTime());
        held.add(lease);
        return lease;
      case BUSY:
        if (log.isDebugEnabled()) {
          log.debug("skipped " + site.name() + ": lock " + site.redisKey() + " is held by another owner");
        }
        return LockBridge.SKIP;
      default:
        return failModeDecision();
    }
  }

  @Override
  public void exit(Object leaseObject) {
    Lease lease = (Lease) leaseObject;
    if (--lease.depth > 0) {
      return;
    }
    held.remove(lease);
    client.release(lease.site.redisKey(), lease.token, lease.keepForMillis(System.nanoTime()));
  }

  @Override
  public boolean acquire(String key, long ttlMillis) {
    String redisKey = keyPrefix + key;
    Acquisition acquisition = attempt(redisKey, ttlMillis);
    switch (acquisition.status()) {
      case ACQUIRED:
        facadeTokens.put(redisKey, acquisition.token());
        return true;
      case BUSY:
        return false;
      default:
        return failMode == FailMode.OPEN;
    }
  }

  @Override
  public boolean release(String key) {
    String redisKey = keyPrefix + key;
    String token = facadeTokens.remove(redisKey);
    return token != null && client != null && client.releaseAndWait(redisKey, token);
  }

  @Override
  public boolean isConnected() {
    return client != null && client.isConnected();
  }

  @Override
  public boolean holdsLock() {
    return held.any();
  }

  private Acquisition attempt(String redisKey, long ttlMillis) {
    if (client == null) {
      return Acquisition.unavailable("the configuration is invalid");
    }
    Acquisition acquisition = client.tryAcquire(redisKey, ttlMillis);
    if (acquisition.status() == Acquisition.Status.UNAVAILABLE) {
      outage.unavailable(acquisition.failure());
    } else {
      outage.available();
    }
    return acquisition;
  }

  private Object failModeDecision() {
    return failMode == FailMode.OPEN ? null : LockBridge.SKIP;
  }
}
