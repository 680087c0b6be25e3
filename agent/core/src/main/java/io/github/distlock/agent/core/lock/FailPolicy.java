package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.bootstrap.FailMode;

/**
 * What a lock call does when it cannot know whether it holds the lock: its fail mode, counted per key. The
 * {@code lastHolder} mode asks what this JVM saw of the key first ({@link LastHolderCalls}); here it stands for a
 * call that saw nothing, and skips.
 */
final class FailPolicy {

  private final LockMetrics metrics;

  FailPolicy(LockMetrics metrics) {
    this.metrics = metrics;
  }

  /** Counts the failure against {@code key}; {@code true} when the call runs anyway under {@code failMode}. */
  boolean runs(FailMode failMode, String key) {
    if (failMode == FailMode.OPEN) {
      metrics.count(LockEvent.FAILED_OPEN, key);
      return true;
    }
    metrics.count(LockEvent.FAILED_CLOSED, key);
    return false;
  }

  /** Counts a {@code lastHolder} call against {@code key}: it runs when this JVM {@code heldLast}. */
  boolean runsAsLastHolder(String key, boolean heldLast) {
    metrics.count(heldLast ? LockEvent.FAILED_LAST_HOLDER : LockEvent.FAILED_CLOSED, key);
    return heldLast;
  }
}
