package io.github.distlock.agent.core.store;

import io.github.distlock.agent.core.history.KeyHistory;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * Where locks live, as the lock side needs them: take a key for a ttl, release it as its owner (recording the run
 * it ends), renew it, draw a fencing token, read a key's holder and recent runs. The lock side owns this contract; {@code redis/} implements it on one shared connection, and
 * {@link UnusableStore} stands in when the configuration names no usable store, so that callers never test for a
 * missing one. Every owner-side operation is checked against the owner token: a holder that outlived its ttl can
 * never shorten, extend or delete its successor's lock.
 *
 * <p>Replies that complete exceptionally carry a {@link StoreFailure}.
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
   * Deletes the key if the release's token still owns it or, when it keeps the key for a while, makes it expire
   * that much later. Returns at once with the reply to come: {@code true} when done, {@code false} when the lock was
   * no longer the token's. A release that cannot reach the store is sent again once it answers, for as long as the
   * key could still exist.
   */
  CompletionStage<Boolean> release(Release release);

  /**
   * Once the JVM is shutting down, waits (at most the timeout) for {@code reply}, since the JVM may halt as soon as
   * the caller returns; before that, returns at once. Call it holding no monitor.
   */
  void settle(CompletionStage<Boolean> reply);

  /**
   * Sets the key to expire a whole ttl from now if {@code token} still owns it: {@code true} when set. Should the
   * store have to resend the renewal, it does so only while {@code stillRenewing} says so: resent after the release,
   * it would stretch the lock again.
   */
  CompletionStage<Boolean> renew(LockRequest request, String token, BooleanSupplier stillRenewing);

  /**
   * Draws the next fencing token of the request's key while {@code token} owns it, waiting at most the timeout.
   *
   * @return the token (positive), {@code LockRuntime.FENCE_LOST} when the lock is no longer ours, or
   *     {@code LockRuntime.FENCE_UNAVAILABLE} when the store cannot answer
   */
  long drawFence(LockRequest request, String token);

  /**
   * Reads who holds the request's key now and its recorded runs, without waiting: for a replica that finds the key
   * busy and asks whether its holder is stuck.
   */
  CompletionStage<KeyHistory> inspect(LockRequest request);

  /** Waits at most the timeout for {@code reply}: {@code true} when it says the lock was ours and is gone. */
  boolean await(CompletionStage<Boolean> reply);

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
