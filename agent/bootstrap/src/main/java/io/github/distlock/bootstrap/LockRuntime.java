package io.github.distlock.bootstrap;

import java.util.concurrent.CompletionStage;

/**
 * What the agent core provides to the bridge. Implemented inside the agent's own class loader; only JDK types
 * cross this boundary, because app classes and the core see different class loaders.
 */
public interface LockRuntime {

  /** {@link #fencingToken()}: the current thread holds no lock. */
  long FENCE_NOT_HELD = 0;
  /** {@link #fencingToken()}: the lock was taken, but Redis says it is no longer this call's. */
  long FENCE_LOST = -1;
  /** {@link #fencingToken()}: Redis could not answer within the timeout. */
  long FENCE_UNAVAILABLE = -2;

  /** The fail mode of a lock site, for a call the runtime failed to handle. */
  FailMode failMode(int siteId);

  /**
   * The advice woven into a lock site failed with {@code error} (the call went on without it): counted, and reported
   * once per site.
   */
  void adviceFailed(int siteId, Throwable error);

  /**
   * Enters a locked method.
   *
   * @param siteId the annotated method, as registered by the core when it instrumented the class
   * @return {@link LockBridge#SKIP} to skip the body, {@code null} to run it with nothing to release, or a lease
   *     that {@link #exit} receives afterwards
   */
  Object enter(int siteId);

  /** As {@link #enter(int)}, for a site whose key is built from the call's arguments. */
  Object enter(int siteId, Object[] args);

  /**
   * Leaves a locked method whose {@link #enter} returned a lease; the lease may be released asynchronously.
   *
   * @param thrown what the method threw, recorded with its run; {@code null} when it returned
   */
  void exit(Object lease, Throwable thrown);

  /**
   * Leaves a locked method that returned an asynchronous result: the lock stays held, and renewed, until
   * {@code result} completes, normally, exceptionally or by cancellation.
   */
  void exitWhenSettled(Object lease, CompletionStage<?> result);

  /**
   * A subscription to a locked method's reactive result starts: {@link LockBridge#SKIP}, {@code null} to run it
   * without a lock, or a {@link java.util.concurrent.CompletableFuture} that the bridge completes when the
   * subscription ends, which releases the lock.
   */
  Object enterSubscription(int siteId, Object[] args);

  /**
   * Enters a Kotlin {@code suspend} function, whose last argument is the coroutine's continuation. A first call takes
   * the lock and replaces that argument in {@code args} with one that releases it when the coroutine completes; a
   * resumption of a coroutine that holds the lock runs on it.
   *
   * @return {@link LockBridge#SKIP} to skip the body, or what {@link #exitSuspend} receives
   */
  Object enterSuspend(int siteId, Object[] args);

  /**
   * Leaves a call of a {@code suspend} function, which returned {@code returned} ({@code null} if it threw) or threw
   * {@code thrown}.
   */
  void exitSuspend(Object call, Object returned, Throwable thrown);

  /** {@link LockBridge#skippedSuspendResult}. */
  Object skippedSuspendResult(String resultType, Class<?> declaringClass);

  /** {@code DistributedLocks.acquireLock}: the key is without prefix. */
  boolean acquire(String key, long ttlMs);

  /** {@code DistributedLocks.releaseLock}: the key is without prefix. */
  boolean release(String key);

  boolean isConnected();

  /** Whether the current thread is inside a locked method whose lock it really holds. */
  boolean holdsLock();

  /**
   * The fencing token of the innermost lock the current thread holds, drawn from Redis on the first call inside
   * the body and the same for the rest of it; otherwise {@link #FENCE_NOT_HELD}, {@link #FENCE_LOST} or
   * {@link #FENCE_UNAVAILABLE}.
   */
  long fencingToken();
}
