package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.config.AgentConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lock protocol on one shared Lettuce connection: an {@code SET NX PX} script to acquire, owner-checked scripts
 * to release and renew. Every wait is bounded by the configured timeout. Releases are sent without waiting for the
 * reply: on the same connection they are ordered before any later command of this JVM, and the caller checks the
 * reply off its own thread. The exception, a release resent after {@code NOSCRIPT}, is checked for by the next
 * acquisition of its key.
 */
public final class RedisLockClient {

  private final long timeoutNanos;
  private final RedisConnector connector;
  private final OutageLog outage;
  private final CountDownLatch connected = new CountDownLatch(1);
  private final AtomicInteger pendingReleases = new AtomicInteger();
  private volatile Session session;
  private volatile boolean givenUp;

  /** A client that is not connected yet; see {@link #connect()}. */
  public RedisLockClient(AgentConfig config, AgentLog log, OutageLog outage) {
    this.timeoutNanos = config.timeout().toNanos();
    this.outage = outage;
    this.connector = new RedisConnector(config, log, outage, this::onConnected, this::onGivenUp);
  }

  /** Starts connecting in the background and returns at once; call it once. */
  public void connect() {
    connector.start();
  }

  private void onConnected(Session newSession) {
    session = newSession;
    connected.countDown();
    outage.available();
  }

  // Nothing to wait for any more: every call answers at once and follows the fail mode.
  private void onGivenUp() {
    givenUp = true;
    connected.countDown();
  }

  public boolean isConnected() {
    Session current = session;
    return current != null && current.connection.isOpen();
  }

  /**
   * Tries to take the request's key for its ttl and draws a fencing token from its counter; waits at most the
   * timeout, connection included.
   */
  public Acquisition tryAcquire(LockRequest request) {
    long deadline = System.nanoTime() + timeoutNanos;
    Session current = awaitSession(deadline);
    if (current == null) {
      return Acquisition.unavailable(givenUp ? "the Redis client could not start (see the error above)"
          : "not connected");
    }
    String key = request.key;
    String token = current.tokens.next();
    try {
      long fence = current.call(LockScript.ACQUIRE, deadline, request.keys, token, request.ttlArgument);
      CompletableFuture<Long> resent = current.takeResent(key);
      if (fence == 0 && resent != null) {
        // This JVM's own release of the key hit NOSCRIPT and was resent, possibly behind this SET: let it land
        // and ask again, or the job would skip itself.
        awaitQuietly(resent, deadline);
        fence = current.call(LockScript.ACQUIRE, deadline, request.keys, token, request.ttlArgument);
      }
      return fence > 0 ? Acquisition.acquired(token, fence) : Acquisition.BUSY;
    } catch (TimeoutException e) {
      compensate(current, key, token);
      return Acquisition.unavailable("no answer within the timeout");
    } catch (ExecutionException e) {
      compensate(current, key, token);
      return Acquisition.unavailable(Failures.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      compensate(current, key, token);
      return Acquisition.unavailable("interrupted");
    }
  }

  /**
   * Deletes {@code key} if {@code token} still owns it or, when {@code keepForMillis > 0}, makes it expire that
   * much later. Returns at once with the reply to come: 1 when done, 0 when the lock was no longer ours. Releases
   * still in flight at shutdown are waited for by {@link #flush()}.
   */
  public CompletionStage<Long> release(String key, String token, long keepForMillis) {
    Session current = session;
    if (current == null) {
      return failed("not connected");
    }
    pendingReleases.incrementAndGet();
    CompletionStage<Long> reply = keepForMillis > 0
        ? current.send(LockScript.EXPIRE_IN, new String[] {key}, token, Long.toString(keepForMillis))
        : current.send(LockScript.RELEASE, new String[] {key}, token);
    return reply.whenComplete((result, failure) -> releaseLanded());
  }

  /** Sets {@code key} to expire {@code millis} from now if {@code token} still owns it: 1 when set, else 0. */
  public CompletionStage<Long> expireIn(String key, String token, long millis) {
    Session current = session;
    return current == null
        ? failed("not connected")
        : current.send(LockScript.EXPIRE_IN, new String[] {key}, token, Long.toString(millis));
  }

  /** Waits at most the timeout for {@code reply}: {@code true} when it says the lock was ours and is gone. */
  public boolean await(CompletionStage<Long> reply) throws ExecutionException, TimeoutException {
    try {
      return reply.toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS) == 1L;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits, at most the timeout, for releases still in flight; called at shutdown so that none is lost. */
  public void flush() {
    connector.stop();
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (pendingReleases) {
      long left;
      while (pendingReleases.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(pendingReleases, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void releaseLanded() {
    if (pendingReleases.decrementAndGet() == 0) {
      synchronized (pendingReleases) {
        pendingReleases.notifyAll();
      }
    }
  }

  private Session awaitSession(long deadline) {
    Session current = session;
    if (current != null) {
      return current;
    }
    try {
      connected.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return session;
  }

  // A failed or late answer is the caller's to report; here it only bounds the wait.
  private static void awaitQuietly(CompletableFuture<Long> answer, long deadline) throws InterruptedException {
    try {
      answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Asking again is still right: the second answer says whether the key is free now.
    }
  }

  // A SET that timed out here may still reach Redis later (a paused server); deleting by our unique token right
  // behind it, on the same connection, makes sure it cannot linger as an orphan lock.
  private void compensate(Session current, String key, String token) {
    if (current.connection.isOpen()) {
      release(key, token, 0);
    }
  }

  private static CompletionStage<Long> failed(String reason) {
    CompletableFuture<Long> failed = new CompletableFuture<>();
    failed.completeExceptionally(new IllegalStateException(reason));
    return failed;
  }
}
