package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSites;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The core's side of the bridge: advice calls go to {@link MethodLocks}, facade calls to {@link FacadeLocks}. The
 * facade's calls also start the agent's background work, as loading a locked class does.
 */
public final class DistlockRuntime implements LockRuntime {

  private final LockSites sites;
  private final MethodLocks methods;
  private final SuspendLocks suspendLocks;
  private final FacadeLocks facade;
  private final AdviceErrors adviceErrors;
  private final LockStore store;
  private final Runnable firstUse;

  /**
   * @param policies what calls do when their lock cannot be decided, per fail mode
   * @param firstUse connects to Redis once a lock is needed
   */
  public DistlockRuntime(AgentConfig config, LockSites sites, LockStore store, LeaseRenewer renewer,
      FailPolicies policies, LockMetrics metrics, OutageLog outage, AgentLog log, Ticker ticker, Runnable firstUse) {
    this.sites = sites;
    LockAttempts attempts = new LockAttempts(store, outage);
    this.methods = new MethodLocks(sites, attempts, store, renewer, policies, metrics, outage, log, ticker);
    this.suspendLocks = new SuspendLocks(methods);
    this.facade = new FacadeLocks(config.keyPrefix(), config.failMode(), attempts, store, policies, ticker);
    this.adviceErrors = new AdviceErrors(sites, metrics, log);
    this.store = store;
    this.firstUse = firstUse;
  }

  @Override
  public FailMode failMode(int siteId) {
    return sites.get(siteId).failMode();
  }

  @Override
  public void adviceFailed(int siteId, Throwable error) {
    adviceErrors.failed(siteId, error);
  }

  @Override
  public Object enter(int siteId) {
    return methods.enter(siteId, null);
  }

  @Override
  public Object enter(int siteId, Object[] args) {
    return methods.enter(siteId, args);
  }

  @Override
  public void exit(Object lease, Throwable thrown) {
    methods.exit((Lease) lease, thrown);
  }

  @Override
  public void exitWhenSettled(Object lease, CompletionStage<?> result) {
    methods.exitWhenSettled((Lease) lease, result);
  }

  @Override
  public Object enterSubscription(int siteId, Object[] args) {
    Object lease = methods.enter(siteId, args);
    if (!(lease instanceof Lease)) {
      return lease;
    }
    // The subscribing thread returns before the work is done: the lock goes with the subscription, not the thread.
    CompletableFuture<Void> subscription = new CompletableFuture<>();
    methods.exitWhenSettled((Lease) lease, subscription);
    return subscription;
  }

  @Override
  public Object enterSuspend(int siteId, Object[] args) {
    return suspendLocks.enter(siteId, args);
  }

  @Override
  public void exitSuspend(Object call, Object returned, Throwable thrown) {
    suspendLocks.exit(call, returned, thrown);
  }

  @Override
  public Object skippedSuspendResult(String resultType, Class<?> declaringClass) {
    return SuspendLocks.skippedResult(resultType, declaringClass);
  }

  @Override
  public boolean acquire(String key, long ttlMillis) {
    firstUse.run();
    return facade.acquire(key, ttlMillis);
  }

  @Override
  public boolean release(String key) {
    return facade.release(key);
  }

  @Override
  public boolean isConnected() {
    firstUse.run();
    return store.isConnected();
  }

  @Override
  public boolean holdsLock() {
    return methods.holdsLock();
  }

  @Override
  public long fencingToken() {
    return methods.fencingToken();
  }
}
