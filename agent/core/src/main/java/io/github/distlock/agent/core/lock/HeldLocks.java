package io.github.distlock.agent.core.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * The leases the current thread holds, for reentrancy and {@code assertLocked()}: one entry per call running on
 * the thread, so a nested call on the same key adds its lease again. A lease's own depth counts calls on every
 * thread (a coroutine resumes on others), which cannot tell when this thread's calls are done. A thread rarely
 * holds more than one or two, so a list beats a map.
 */
final class HeldLocks {

  private final ThreadLocal<List<Lease>> held = ThreadLocal.withInitial(() -> new ArrayList<>(2));

  /** The current thread's lease on {@code redisKey}, or {@code null}. */
  Lease find(String redisKey) {
    List<Lease> leases = held.get();
    for (int i = leases.size() - 1; i >= 0; i--) {
      Lease lease = leases.get(i);
      if (lease.request().key().equals(redisKey)) {
        return lease;
      }
    }
    return null;
  }

  void add(Lease lease) {
    held.get().add(lease);
  }

  /** Ends one call on the lease: removes its innermost entry, so that the entries of the calls around it stay. */
  void remove(Lease lease) {
    List<Lease> leases = held.get();
    int last = leases.lastIndexOf(lease);
    if (last >= 0) {
      leases.remove(last);
    }
  }

  /** Whether the thread holds a lock that is still its own, as far as the agent knows. */
  boolean anyStillHeld() {
    for (Lease lease : held.get()) {
      if (lease.isHeld()) {
        return true;
      }
    }
    return false;
  }

  /** The lease of the innermost locked call on this thread, or {@code null}. */
  Lease innermost() {
    List<Lease> leases = held.get();
    return leases.isEmpty() ? null : leases.get(leases.size() - 1);
  }
}
