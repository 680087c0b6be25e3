package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;

/** Asks the store for a lock and keeps the outage log in step with the answers. */
public final class LockAttempts {

  private final LockStore store;
  private final OutageLog outage;

  public LockAttempts(LockStore store, OutageLog outage) {
    this.store = store;
    this.outage = outage;
  }

  public Acquisition attempt(LockRequest request) {
    Acquisition acquisition = store.tryAcquire(request);
    if (acquisition.status() == Acquisition.Status.UNAVAILABLE) {
      outage.unavailable(acquisition.failure());
    } else if (acquisition.status() != Acquisition.Status.UNCONFIGURED) {
      outage.available();
    }
    return acquisition;
  }
}
