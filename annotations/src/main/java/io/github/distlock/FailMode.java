package io.github.distlock;

/**
 * What a {@link DistributedLock} method does when Redis cannot answer within the agent's timeout: the value of
 * its {@code failMode} attribute.
 */
public enum FailMode {
  /** Whatever the agent's {@code failMode} setting says (by default {@code open}). */
  AS_CONFIGURED,
  /** Run the body without a lock, on every replica that calls it. */
  OPEN,
  /** Skip the body, as if another replica held the lock. */
  CLOSED,
  /**
   * Run the body only on the replica that held this lock most recently, as its own earlier calls saw it; skip it
   * on every other replica, and on a replica that has not seen Redis answer for this lock yet.
   */
  LAST_HOLDER
}
