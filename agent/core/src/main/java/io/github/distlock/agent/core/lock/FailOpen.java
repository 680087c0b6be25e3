package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.LockRequest;

/** {@code failMode=open}, the seed's: a call whose lock cannot be decided runs without one, and is counted. */
public final class FailOpen implements FailPolicy, FacadeFailPolicy {

  private final LockMetrics metrics;

  public FailOpen(LockMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Object unusable(LockSite site) {
    metrics.count(LockEvent.FAILED_OPEN, site.name());
    return null;
  }

  @Override
  public Object unanswered(LockSite site, LockRequest request, long calledAt) {
    metrics.count(LockEvent.FAILED_OPEN, request.key());
    return null;
  }

  @Override
  public boolean unanswered(String key, long calledAt, Grant grant) {
    metrics.count(LockEvent.FAILED_OPEN, key);
    return true;
  }
}
