package io.github.distlock.bench.startup;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/**
 * The start-up measurements' one {@code @DistributedLock} class: the memory probe holds its lock, and the
 * class-loading workload loads it last as a control that the agent does inspect and rewrite annotated classes.
 */
public final class LockedProbe {

  private LockedProbe() {}

  /** Runs {@code body} while holding a lock, as a job would. */
  @DistributedLock(key = "bench:startup", ttl = "60s")
  public static void hold(Runnable body) {
    body.run();
  }

  /** Whether the calling thread's body holds its lock: false without the agent, or when the call ran unlocked. */
  static boolean holdsLock() {
    try {
      DistributedLocks.assertLocked();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
