package io.github.distlock.agent.core.lock;

/**
 * What {@code DistributedLocks.acquireLock} does at the turns that depend on the configured fail mode, as
 * {@link FailPolicy} is for locked methods. Facade locks are held by the JVM rather than by a call, for their ttl or
 * until released.
 */
public interface FacadeFailPolicy {

  /**
   * Redis could not answer the call made at {@code calledAt} for {@code key}: whether the caller gets the key
   * anyway. A policy that hands it out once at a time asks {@code grant} whether it is out already, and marks it.
   */
  boolean unanswered(String key, long calledAt, Grant grant);

  /** The call made at {@code calledAt} took {@code key} for {@code ttlMillis}. */
  default void acquired(String key, long calledAt, long ttlMillis) {}

  /** The call made at {@code calledAt} found {@code key} held by another owner. */
  default void foundHeld(String key, long calledAt) {}

  /** The JVM released {@code key}. */
  default void released(String key) {}

  /** The facade's own record of one key granted without a lock. */
  interface Grant {

    /** Whether the key is granted already, with or without a lock, at {@code now}. */
    boolean isHeld(long now);

    /** Grants the key without a lock, for its ttl or until released. */
    void hold();
  }
}
