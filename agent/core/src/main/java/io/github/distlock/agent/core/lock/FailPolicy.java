package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.bootstrap.FailMode;

/** What a lock call does when it cannot know whether it holds the lock: its fail mode, counted per key. */
final class FailPolicy {

  private final LockMetrics metrics;
  private final LastHolders lastHolders;

  FailPolicy(LockMetrics metrics, LastHolders lastHolders) {
    this.metrics = metrics;
    this.lastHolders = lastHolders;
  }

  /** Counts the failure against {@code key}; {@code true} when the call runs anyway under {@code failMode}. */
  boolean runs(FailMode failMode, String key) {
    return runs(failMode, key, System.nanoTime());
  }

  /**
   * As {@link #runs(FailMode, String)}, for a call made at {@code calledAtNanos}: lastHolder judges a call by when
   * it was made, not by when Redis failed to answer it.
   */
  boolean runs(FailMode failMode, String key, long calledAtNanos) {
    switch (failMode) {
      case OPEN:
        metrics.count(LockEvent.FAILED_OPEN, key);
        return true;
      case LAST_HOLDER:
        if (lastHolders.heldLast(key, calledAtNanos)) {
          metrics.count(LockEvent.FAILED_LAST_HOLDER, key);
          return true;
        }
        metrics.count(LockEvent.FAILED_CLOSED, key);
        return false;
      default:
        metrics.count(LockEvent.FAILED_CLOSED, key);
        return false;
    }
  }
}
