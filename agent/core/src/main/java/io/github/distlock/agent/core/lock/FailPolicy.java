package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.LockRequest;

/**
 * What a locked method call does at the turns of its state machine that depend on its site's fail mode: the lock
 * was taken, found busy, or could not be decided; the call ended. One policy per fail mode, chosen for a site by
 * {@link FailPolicies}. {@link FailOpen} and {@link FailClosed} decide only what an undecided call does; the
 * lastHolder policy also records every answer, and runs a call Redis cannot answer only where this JVM held the key
 * last.
 *
 * <p>What {@link #unusable} and {@link #unanswered} return is what the bridge receives: {@code null} to run the call
 * with nothing to release, {@code LockBridge.SKIP} to skip it, or a {@link Lease} without a token for a call that
 * runs without a lock and ends through {@link #ending}.
 */
public interface FailPolicy {

  /** The site's lock can never be taken (its settings are invalid): run the call, or skip it. */
  Object unusable(LockSite site);

  /** Redis could not answer, or no usable Redis is configured, for the call made at {@code calledAt}. */
  Object unanswered(LockSite site, LockRequest request, long calledAt);

  /**
   * The call made at {@code calledAt} took {@code key} with {@code token}: {@code true} when it runs on the lock
   * (and then starts on it, or reports {@link #notStarted}); {@code false} when the lock went elsewhere and the
   * call must skip.
   */
  default boolean acquired(String key, String token, long calledAt) {
    return true;
  }

  /** A call that {@link #acquired} its key failed before it could run on the lock. */
  default void notStarted(String key) {}

  /** The call made at {@code calledAt} found {@code key} held by another owner. */
  default void busy(String key, long calledAt) {}

  /**
   * The lease's last call has ended at {@code now}; {@code locked}: its lock is being released, staying
   * {@code keepForMillis} longer. Called holding no lease's monitor.
   */
  default void ending(Lease lease, boolean locked, long now, long keepForMillis) {}

  /** The store answered the release of {@code key}: {@code released} when the lock was still the call's. */
  default void releaseAnswered(String key, boolean released) {}
}
