package io.github.distlock.agent.core.metrics;

/** What can happen to a lock, each counted per key and in total. */
public enum LockEvent {
  /** A call took the lock. */
  ACQUIRED,
  /** A call was skipped because another owner held the lock. */
  SKIPPED,
  /** Redis was unavailable and the call ran without a lock (fail mode open). */
  FAILED_OPEN,
  /**
   * Redis was unavailable and the call was skipped (fail mode closed, or lastHolder in a JVM that did not hold the
   * lock last).
   */
  FAILED_CLOSED,
  /** Redis was unavailable and the call ran without a lock, in the JVM that held it last (fail mode lastHolder). */
  FAILED_LAST_HOLDER,
  /** The owner released the lock, or shortened it to lockAtLeastFor. */
  RELEASED,
  /** A keep-alive renewal succeeded. */
  RENEWED,
  /** The lock was found gone or taken over while its body ran. */
  LOST,
  /** A release or renewal failed to reach Redis. */
  ERROR,
  /** The advice woven into a locked method failed; the call went on without it. */
  ADVICE_ERROR,
  /** A call was skipped while the lock's holder had held it long enough to look stuck (one per holder). */
  STUCK_SEEN
}
