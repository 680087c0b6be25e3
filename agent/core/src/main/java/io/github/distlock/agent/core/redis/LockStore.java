package io.github.distlock.agent.core.redis;

import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * Where locks live: Redis through one shared connection ({@link RedisLockClient}), or, when the configuration
 * names no usable Redis, nowhere ({@link UnusableStore}), so that callers never test for a missing client.
 */
public interface LockStore {

  /** Starts connecting in the background; called once, when a class with a lock is first loaded or the facade used. */
  void start();

  /**
   * Tries to take the request's key for its ttl. Before the first connection it waits for one within the
   * start-up budget ({@code connectTimeout}); after that, at most the call timeout.
   */
  Acquisition tryAcquire(LockRequest request);

  /**
   * Deletes the key if {@code token} still owns it or, when {@code keepForMillis > 0}, makes it expire that much
   * later. Returns at once with the reply to come: 1 when done, 0 when the lock was no longer ours. A release that
   * cannot reach Redis is sent again once it answers, for as long as the key could still exist.
   */
  CompletionStage<Long> release(LockRequest request, String token, long keepForMillis);

  /**
   * Once the JVM is shutting down, waits (at most the timeout) for {@code reply}, since the JVM may halt as soon as
   * the caller returns; before that, returns at once. Call it holding no monitor.
   */
  void settle(CompletionStage<Long> reply);

  /**
   * Sets the key to expire {@code ttlMillis} from now if {@code token} still owns it: 1 when set, else 0. Should
   * Redis have lost its scripts, the renewal is resent only while {@code stillRenewing} says so: resent after the
   * release, it would stretch the lock again.
   */
  CompletionStage<Long> renew(String key, String token, long ttlMillis, BooleanSupplier stillRenewing);

  /**
   * Draws the next fencing token of the request's key while {@code token} owns it, waiting at most the timeout.
   *
   * @return the token (positive), {@code LockRuntime.FENCE_LOST} when the lock is no longer ours, or
   *     {@code LockRuntime.FENCE_UNAVAILABLE} when Redis cannot answer
   */
  long drawFence(LockRequest request, String token);

  /** Waits at most the timeout for {@code reply}: {@code true} when it says the lock was ours and is gone. */
  boolean await(CompletionStage<Long> reply);

  boolean isConnected();

  /**
   * Called when the JVM starts shutting down: waits, at most the timeout, for releases in flight, and from then on
   * waits for every release's reply before returning, since the JVM may halt at any moment.
   */
  void shutDown();

  /**
   * Called once every application shutdown hook has finished, when no lock call can come any more: closes the
   * connection so that the JVM exits without waiting for the agent's network threads.
   */
  void close();
}
