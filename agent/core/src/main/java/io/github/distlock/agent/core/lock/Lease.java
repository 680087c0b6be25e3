package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.history.RunOutcome;
import io.github.distlock.agent.core.history.RunRecord;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A lock held for one locked method call, and the calls that run on it: calls nested in it on the same key, and the
 * resumptions of a coroutine. Only the last of them to end releases it, once every result it waits for has settled.
 * A call that began without a lock while Redis could not answer ({@code failMode=lastHolder}) runs on a lease
 * without a token until it {@link #adopt}s one.
 *
 * <p>Every change of its state takes its monitor here. The lock order: a caller may hold the monitor that orders
 * the decisions about its key (lastHolder's) when it calls in, never the other way round; holding a lease's monitor,
 * the lock side calls only the store's send (which does not block), the renewer, and the hook given to
 * {@link #adopt}, which updates a record under that record's own monitor and takes no other. The monitor also
 * orders renewals against the release: a renewal sent after the release would stretch a lock that
 * {@code lockAtLeastFor} has just shortened back to its whole ttl.
 */
public final class Lease {

  private final LockSite site;
  /** This call's key: the site's, or the one its arguments made. */
  private final LockRequest request;
  private volatile String token;
  private volatile long acquiredAtNanos;
  /** Set when keepAlive found the lock gone; read by the thread that releases. */
  private volatile boolean lost;
  /** Set by whichever thread releases the lock first; the release is sent once. */
  private final AtomicBoolean released = new AtomicBoolean();
  /** Calls on this lease still running. */
  private int depth = 1;
  /** Results of calls on this lease that have not settled yet. */
  private final List<CompletionStage<?>> pendingStages = new ArrayList<>(1);
  private LeaseRenewer.Renewal renewal;
  /** The class name of the first failure of a call or result on this lease, recorded with the run; or null. */
  private volatile String failure;
  /** Drawn on the body's first {@code fencingToken()} call; 0 until then. Used by the holding thread only. */
  private long fencingToken;

  private Lease(LockSite site, LockRequest request, String token, long acquiredAtNanos) {
    this.site = site;
    this.request = request;
    this.token = token;
    this.acquiredAtNanos = acquiredAtNanos;
  }

  /** A call that took the lock at {@code acquiredAtNanos}, owned by {@code token}. */
  static Lease locked(LockSite site, LockRequest request, String token, long acquiredAtNanos) {
    return new Lease(site, request, token, acquiredAtNanos);
  }

  /** A call that began at {@code startedAtNanos} without a lock, which it may {@link #adopt} later. */
  public static Lease unlocked(LockSite site, LockRequest request, long startedAtNanos) {
    return new Lease(site, request, null, startedAtNanos);
  }

  public LockSite site() {
    return site;
  }

  public LockRequest request() {
    return request;
  }

  /** The owner token; {@code null} while the call runs without a lock. */
  public String token() {
    return token;
  }

  /** When the lock was taken, or the call began without one. */
  public long acquiredAtNanos() {
    return acquiredAtNanos;
  }

  /** Whether keepAlive found the lock gone while the call ran. */
  public boolean isLost() {
    return lost;
  }

  /** Whether the lease has been released, or is being released. */
  public boolean isReleased() {
    return released.get();
  }

  /** Whether the lock is still the call's own, as far as the agent knows. */
  boolean isHeld() {
    return !lost && token != null;
  }

  /** Claims the release for the caller: {@code true} once, for the first caller. */
  boolean claimRelease() {
    return released.compareAndSet(false, true);
  }

  /** Renews the lock while the call runs, when its site asks for keepAlive. */
  void keepAlive(LeaseRenewer renewer) {
    if (site.keepAlive()) {
      synchronized (this) {
        renewal = renewer.start(this);
      }
    }
  }

  /** Another call runs on this lease: a nested call on the same key, or a coroutine's resumption. */
  synchronized void join() {
    depth++;
  }

  /** One call on this lease has ended: whether the lock can now be released (no call runs, no result pending). */
  synchronized boolean leave() {
    return --depth == 0 && pendingStages.isEmpty();
  }

  /** A call on this lease returned {@code result}: the lock waits for it to settle. */
  synchronized void awaitResult(CompletionStage<?> result) {
    pendingStages.add(result);
  }

  /** {@code result} has settled: whether the lock can now be released. */
  synchronized boolean resultSettled(CompletionStage<?> result) {
    pendingStages.remove(result);
    return depth == 0 && pendingStages.isEmpty();
  }

  /**
   * Whether no call runs on this lease any more and every result it is waiting for has completed, though the
   * callbacks that release it may not have run yet.
   */
  synchronized boolean isSettled() {
    if (depth > 0 || pendingStages.isEmpty()) {
      return false;
    }
    for (CompletionStage<?> stage : pendingStages) {
      try {
        if (!(stage instanceof Future) || !((Future<?>) stage).isDone()) {
          return false;
        }
      } catch (RuntimeException e) {
        // A stage that will not say (a minimal stage): its own callback releases the lock.
        return false;
      }
    }
    return true;
  }

  /**
   * A call that began without a lock has taken it, with {@code token} at {@code now}: {@code whileHeld} runs under
   * this lease's monitor (which the release takes to read the token), then renewal starts where the site asks for
   * it. Returns {@code false}, changing nothing, when the lease is released or locked already.
   */
  public synchronized boolean adopt(String token, long now, LeaseRenewer renewer, Runnable whileHeld) {
    if (released.get() || this.token != null) {
      return false;
    }
    this.token = token;
    this.acquiredAtNanos = now;
    whileHeld.run();
    keepAlive(renewer);
    return true;
  }

  /** Sends a renewal while {@code renewing} says so: the reply to come, or {@code null} when it no longer does. */
  synchronized CompletionStage<Boolean> renew(LockStore store, BooleanSupplier renewing) {
    return renewing.getAsBoolean() ? store.renew(request, token, renewing) : null;
  }

  /**
   * A call on this lease threw {@code thrown}, or one of its results failed with it; {@code null} for none. The
   * first failure is the run's; a stage's wrapper ({@code CompletionException}) is looked through.
   */
  void failed(Throwable thrown) {
    if (thrown == null || failure != null) {
      return;
    }
    Throwable cause = thrown;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    failure = cause.getClass().getName();
  }

  /** keepAlive found the lock gone. */
  void markLost() {
    lost = true;
  }

  /**
   * Ends the lease at {@code now} ({@code nowMillis} by the wall clock): stops its renewal and returns the release
   * to send, with the run it ends, or {@code null} when the call ran without a lock and never took one.
   */
  synchronized Release end(long now, long nowMillis) {
    if (token == null) {
      return null;
    }
    if (renewal != null) {
      renewal.cancel();
    }
    long durationMillis = TimeUnit.NANOSECONDS.toMillis(now - acquiredAtNanos);
    RunOutcome outcome = lost ? RunOutcome.LOST : failure != null ? RunOutcome.FAILED : RunOutcome.OK;
    RunRecord run = new RunRecord(nowMillis - durationMillis, durationMillis, request.ttlMillis(), outcome, failure);
    return new Release(request, token, keepForMillis(now), run);
  }

  /** How long the lock must still live at {@code nowNanos} to honour {@code lockAtLeastFor}, or 0. */
  long keepForMillis(long nowNanos) {
    long remainingNanos = site.minHoldNanos() - (nowNanos - acquiredAtNanos);
    // Rounded up: expiring a millisecond early would defeat the point of lockAtLeastFor.
    return remainingNanos <= 0 ? 0 : (remainingNanos + 999_999) / 1_000_000;
  }

  long fencingToken() {
    return fencingToken;
  }

  void fencingToken(long drawn) {
    fencingToken = drawn;
  }
}
