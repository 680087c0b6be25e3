package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.bootstrap.LockBridge;

/**
 * {@code failMode=closed}: a call whose lock cannot be decided is skipped, as if another replica held it, and is
 * counted. lastHolder skips as this does where this JVM cannot claim the key.
 */
public final class FailClosed implements FailPolicy, FacadeFailPolicy {

  private final LockMetrics metrics;

  public FailClosed(LockMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Object unusable(LockSite site) {
    metrics.count(LockEvent.FAILED_CLOSED, site.name());
    return LockBridge.SKIP;
  }

  @Override
  public Object unanswered(LockSite site, LockRequest request, long calledAt) {
    metrics.count(LockEvent.FAILED_CLOSED, request.key());
    return LockBridge.SKIP;
  }

  @Override
  public boolean unanswered(String key, long calledAt, Grant grant) {
    metrics.count(LockEvent.FAILED_CLOSED, key);
    return false;
  }
}
