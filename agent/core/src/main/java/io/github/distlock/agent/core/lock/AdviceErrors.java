package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.site.LockSites;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures of the advice woven into locked methods, which Byte Buddy suppresses so that the application's call goes
 * on: each is counted against its site's key, and reported with its stack trace the first time a site meets one,
 * since a method that fails once is likely to fail on every call.
 */
final class AdviceErrors {

  private final LockSites sites;
  private final LockMetrics metrics;
  private final AgentLog log;
  private final Set<Integer> reported = ConcurrentHashMap.newKeySet();

  AdviceErrors(LockSites sites, LockMetrics metrics, AgentLog log) {
    this.sites = sites;
    this.metrics = metrics;
    this.log = log;
  }

  void failed(int siteId, Throwable error) {
    LockSite site = sites.get(siteId);
    metrics.count(LockEvent.ADVICE_ERROR, site.redisKey() != null ? site.redisKey() : site.name());
    if (reported.add(siteId)) {
      log.error("the advice woven into " + site.name() + " failed, and the call went on without it: locked calls"
          + " meeting this run or skip as failMode=" + site.failMode().settingName() + " says, and a lock already"
          + " taken expires after its ttl (reported once per method; every failure is counted in adviceErrors)",
          error);
    }
  }
}
