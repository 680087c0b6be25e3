package io.github.distlock.agent.core.lastholder;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.lock.FailClosed;
import io.github.distlock.agent.core.lock.FailOpen;
import io.github.distlock.agent.core.lock.FailPolicies;
import io.github.distlock.agent.core.lock.LeaseRenewer;
import io.github.distlock.agent.core.lock.LockAttempts;
import io.github.distlock.agent.core.lock.OutageLog;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.store.LockStore;

/** The policies of every fail mode for one JVM: lastHolder's calls and facade share one record of its keys. */
public final class FailModes {

  private FailModes() {}

  public static FailPolicies policies(LockStore store, OutageLog outage, LeaseRenewer renewer, LockMetrics metrics,
      AgentLog log, Ticker ticker) {
    FailClosed closed = new FailClosed(metrics);
    LastHolders lastHolders = new LastHolders(ticker);
    LastHolderCalls calls = new LastHolderCalls(lastHolders, closed, new LockAttempts(store, outage), store,
        renewer, metrics, log, ticker);
    return new FailPolicies(new FailOpen(metrics), closed, calls, new LastHolderGrants(lastHolders, metrics, ticker));
  }
}
