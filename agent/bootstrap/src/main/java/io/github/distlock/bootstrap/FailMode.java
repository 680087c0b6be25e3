package io.github.distlock.bootstrap;

/** What a locked method does when Redis cannot answer within the timeout, or the lock cannot be set up. */
public enum FailMode {
  /** Run the body without a lock (the default: a missed job is usually worse than a duplicate). */
  OPEN,
  /** Skip the body, as if another replica held the lock. */
  CLOSED
}
