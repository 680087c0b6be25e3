package io.github.distlock.bootstrap;

/**
 * What the agent core provides to the bridge. Implemented inside the agent's own class loader; only JDK types
 * cross this boundary, because app classes and the core see different class loaders.
 */
public interface LockRuntime {

  /**
   * Enters a locked method.
   *
   * @param siteId the annotated method, as registered by the core when it instrumented the class
   * @return {@link LockBridge#SKIP} to skip the body, {@code null} to run it with nothing to release, or a lease
   *     that {@link #exit} receives afterwards
   */
  Object enter(int siteId);

  /** Leaves a locked method whose {@link #enter} returned a lease; the lease may be released asynchronously. */
  void exit(Object lease);

  /** {@code DistributedLocks.acquireLock}: the key is without prefix. */
  boolean acquire(String key, long ttlMs);

  /** {@code DistributedLocks.releaseLock}: the key is without prefix. */
  boolean release(String key);

  boolean isConnected();

  /** Whether the current thread is inside a locked method whose lock it really holds. */
  boolean holdsLock();

  /** The fencing token of the innermost lock the current thread holds, or 0 when it holds none. */
  long fencingToken();
}
