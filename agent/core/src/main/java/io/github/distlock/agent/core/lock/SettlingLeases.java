package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Leases whose calls returned results that have not settled: the lock is released once no call runs on the lease
 * and the last of those results has completed, normally, exceptionally or by cancellation.
 *
 * <p>A stage runs its callbacks newest first, so a caller's own follow-up (calling the same job again once this one
 * is done) runs before the callback that releases the lock. Such a call looks its key up here first and releases
 * a settled lease itself, as a synchronous method's return would have.
 */
final class SettlingLeases {

  private final ConcurrentMap<String, Lease> byKey = new ConcurrentHashMap<>();
  private final Consumer<Lease> releaseOnce;
  private final AgentLog log;

  /** @param releaseOnce releases a lease, doing nothing for one already released */
  SettlingLeases(Consumer<Lease> releaseOnce, AgentLog log) {
    this.releaseOnce = releaseOnce;
    this.log = log;
  }

  /** Notes that the lease waits for {@code result}: call it before the call that returned it leaves the lease. */
  void pending(Lease lease, CompletionStage<?> result) {
    lease.awaitResult(result);
  }

  /** Releases the lease once {@code result}, noted by {@link #pending}, settles (at once if it already has). */
  void releaseWhenSettled(Lease lease, CompletionStage<?> result) {
    byKey.put(lease.request().key(), lease);
    try {
      result.whenComplete((value, failure) -> {
        lease.failed(failure);
        settled(lease, result);
      });
    } catch (Throwable t) {
      // An application's own stage class that refuses callbacks: release now rather than never.
      log.error("cannot wait for the result of " + lease.site().name() + "; its lock " + lease.request().key()
          + " is released now", t);
      settled(lease, result);
    }
  }

  /** Before a new acquisition of {@code key}: releases this JVM's lease on it if its results have all completed. */
  void releaseIfSettled(String key) {
    if (byKey.isEmpty()) {
      return;
    }
    Lease previous = byKey.get(key);
    if (previous != null && previous.isSettled()) {
      releaseOnce.accept(previous);
    }
  }

  /** Stops tracking a lease being released. */
  void forget(Lease lease) {
    byKey.remove(lease.request().key(), lease);
  }

  private void settled(Lease lease, CompletionStage<?> stage) {
    if (lease.resultSettled(stage)) {
      releaseOnce.accept(lease);
    }
  }
}
