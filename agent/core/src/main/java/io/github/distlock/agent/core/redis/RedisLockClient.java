package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.Release;
import io.github.distlock.agent.core.store.StoreAvailability;
import io.github.distlock.agent.core.store.StoreFailure;
import io.github.distlock.bootstrap.LockRuntime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The lock protocol on one shared Lettuce connection: the seed's {@code SET NX PX} to acquire, owner-checked scripts
 * to release, renew and draw fencing tokens. Every wait is bounded: by the start-up budget until the first
 * connection is up, by the call timeout after that. Releases are sent without waiting for the reply: on the same
 * connection they are ordered before any later command of this JVM, and the reply is checked off the caller's
 * thread. The exception, a release resent after {@code NOSCRIPT}, is checked for by the next acquisition of its key.
 */
public final class RedisLockClient implements LockStore {

  private final long timeoutNanos;
  private final long connectTimeoutNanos;
  private final String keyPrefix;
  private final ReplicaConfirmation replicas;
  private final RedisConnector connector;
  private final CountDownLatch firstConnection = new CountDownLatch(1);
  private final ReleaseTracker releases = new ReleaseTracker();
  private final DeferredReleases deferred = new DeferredReleases();
  private final RunRecording recording;
  private volatile Session session;
  private volatile boolean givenUp;
  private volatile boolean shuttingDown;
  private boolean budgetStarted;
  private long budgetEndNanos;

  /** A client that is not connected yet; see {@link #start()}. */
  public RedisLockClient(AgentConfig config, AgentLog log, StoreAvailability outage) {
    this.timeoutNanos = config.timeout().toNanos();
    this.connectTimeoutNanos = config.connectTimeout().toNanos();
    this.keyPrefix = config.keyPrefix();
    this.replicas = new ReplicaConfirmation(config.minReplicas(), log);
    this.recording = new RunRecording(config.history(), keyPrefix, log);
    this.connector = new RedisConnector(config, log, outage, this::onConnected, this::onReconnected,
        this::onGivenUp, recording);
  }

  @Override
  public void start() {
    connector.start();
  }

  private void onConnected(Session newSession) {
    session = newSession;
    firstConnection.countDown();
  }

  // Lettuce reconnected after an outage: what could not be released meanwhile is sent now, and a caller that finds
  // the list being sent waits for it (see DeferredReleases), so that its own SET follows these releases.
  private void onReconnected() {
    resendDeferred();
  }

  // Nothing to wait for any more: every call answers at once and follows the fail mode.
  private void onGivenUp() {
    givenUp = true;
    firstConnection.countDown();
  }

  @Override
  public boolean isConnected() {
    Session current = session;
    return current != null && current.connection.isOpen();
  }

  @Override
  public Acquisition tryAcquire(LockRequest request) {
    Session current = session;
    if (current == null && (current = awaitFirstConnection()) == null) {
      return Acquisition.unavailable(givenUp ? "the Redis client could not start (see the error above)"
          : connector.noConnectionWithinBudget());
    }
    if (!current.acceptsCommands()) {
      // Lettuce would reject the command anyway; not sending it leaves nothing to compensate.
      return Acquisition.unavailable("connection lost, reconnecting");
    }
    resendDeferred();
    long deadline = System.nanoTime() + timeoutNanos;
    String token = current.tokens.next();
    try {
      boolean set = current.setIfAbsent(request, token, deadline);
      CompletableFuture<Boolean> resent = set ? null : current.takeResent(request.key());
      if (resent != null) {
        // This JVM's own release of the key hit NOSCRIPT and was resent, possibly behind this SET: let it land
        // and ask again, or the job would skip itself.
        awaitQuietly(resent, deadline);
        set = current.setIfAbsent(request, token, deadline);
      }
      if (!set) {
        return Acquisition.BUSY;
      }
      return replicas.isOff() ? Acquisition.acquired(token)
          : replicas.confirm(current, request, token, deadline, () -> compensate(request, token));
    } catch (TimeoutException e) {
      compensate(request, token);
      if (!replicas.isWaiting()) {
        current.hungPrimary.afterTimeout();
      }
      return Acquisition.unavailable("no answer within the timeout");
    } catch (ExecutionException e) {
      if (!Failures.isErrorReply(e)) {
        compensate(request, token);
      }
      return Acquisition.unavailable(Failures.describe(e));
    }
  }

  @Override
  public CompletionStage<Boolean> release(Release release) {
    long keepFor = release.keepForMillis();
    long keepUntil = keepFor > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(keepFor) : 0;
    return send(release).whenComplete((result, failure) -> {
      // An error reply (NOPERM, READONLY) will not change by asking again; a lost connection or a timeout may have
      // kept the release from Redis.
      if (failure != null && !StoreFailure.isRefusal(failure)) {
        deferred.add(release, keepUntil);
      }
    });
  }

  @Override
  public void settle(CompletionStage<Boolean> reply) {
    if (shuttingDown) {
      // The JVM may halt as soon as this thread returns; a reply not waited for may be a release never sent.
      await(reply);
    }
  }

  @Override
  public CompletionStage<Boolean> renew(LockRequest request, String token, BooleanSupplier stillRenewing) {
    Session current = session;
    if (current == null) {
      return failed("not connected");
    }
    try {
      return current.send(LockScript.EXPIRE_IN, new String[] {request.key()}, stillRenewing, token,
          Long.toString(request.ttlMillis()));
    } catch (RuntimeException e) {
      return failed(Failures.describe(e));
    }
  }

  @Override
  public long drawFence(LockRequest request, String token) {
    Session current = session;
    if (current == null) {
      return LockRuntime.FENCE_UNAVAILABLE;
    }
    try {
      String key = request.key();
      long fence = current.call(LockScript.FENCE, System.nanoTime() + timeoutNanos,
          new String[] {key, CompanionKeys.fence(keyPrefix, key)}, token);
      return fence > 0 ? fence : LockRuntime.FENCE_LOST;
    } catch (ExecutionException | TimeoutException e) {
      return LockRuntime.FENCE_UNAVAILABLE;
    }
  }

  @Override
  public CompletionStage<KeyHistory> inspect(LockRequest request) {
    Session current = session;
    if (current == null || !current.acceptsCommands()) {
      return failed("not connected");
    }
    try {
      return current.inspect(request.key(), CompanionKeys.runs(keyPrefix, request.key()));
    } catch (RuntimeException e) {
      return failed(Failures.describe(e));
    }
  }

  @Override
  public boolean await(CompletionStage<Boolean> reply) {
    try {
      return Session.await(reply.toCompletableFuture(), System.nanoTime() + timeoutNanos);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public void shutDown() {
    // Connecting goes on: the application's own shutdown hooks may take their first lock now, as a JVM stopped
    // right after it started does. close() stops it once those hooks have finished.
    shuttingDown = true;
    resendDeferred();
    releases.awaitNone(System.nanoTime() + timeoutNanos);
  }

  @Override
  public void close() {
    shutDown();
    connector.close(Duration.ofNanos(timeoutNanos));
  }

  /** Sends a release now, counted until its reply lands so that shutdown can wait for it. */
  private CompletionStage<Boolean> send(Release release) {
    Session current = session;
    if (current == null || !current.acceptsCommands()) {
      return failed("not connected");
    }
    releases.sent();
    CompletionStage<Boolean> reply;
    String[] keys = {release.key()};
    long keepFor = release.keepForMillis();
    try {
      reply = recording.records(release)
          ? current.send(LockScript.RELEASE_RECORDING, recording.keys(release), recording.args(release))
          : keepFor > 0
          ? current.send(LockScript.EXPIRE_IN, keys, release.token(), Long.toString(keepFor))
          : current.send(LockScript.RELEASE, keys, release.token());
    } catch (RuntimeException e) {
      reply = failed(Failures.describe(e));
    }
    return reply.whenComplete((result, failure) -> releases.landed());
  }

  private void resendDeferred() {
    if (!deferred.isEmpty()) {
      deferred.resend(this::send);
    }
  }

  // The budget starts with the first call that needs a connection, not when connecting starts: on a busy machine
  // setting up the instrumentation may take seconds between the two. It is spent already when attempts have been
  // failing for longer than the budget before that call: Redis was tried, and failed.
  private synchronized long budgetEnd() {
    if (!budgetStarted) {
      budgetStarted = true;
      budgetEndNanos = System.nanoTime() + (connector.budgetSpent() ? 0 : connectTimeoutNanos);
    }
    return budgetEndNanos;
  }

  /**
   * Waits for the first connection until the start-up budget ends: "Redis unavailable" must mean tried and
   * failed, not "not tried yet". After the budget, calls answer at once until a connection is up.
   */
  private Session awaitFirstConnection() {
    long end = budgetEnd();
    long left = end - System.nanoTime();
    boolean interrupted = false;
    while (left > 0 && session == null && !givenUp) {
      try {
        firstConnection.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      left = end - System.nanoTime();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return session;
  }

  // A failed or late answer is the caller's to report; here it only bounds the wait.
  private static void awaitQuietly(CompletableFuture<Boolean> answer, long deadline) {
    try {
      Session.await(answer, deadline);
    } catch (ExecutionException | TimeoutException e) {
      // Asking again is still right: the second answer says whether the key is free now.
    }
  }

  // A SET that failed here may still have been executed: a paused server runs it later, and a dropped connection
  // may have lost only its reply. Deleting by our unique token, behind it on the same connection or once Redis
  // answers again, makes sure it cannot linger as an orphan lock.
  private void compensate(LockRequest request, String token) {
    release(new Release(request, token, 0, null));
  }

  private static <T> CompletionStage<T> failed(String reason) {
    CompletableFuture<T> failed = new CompletableFuture<>();
    failed.completeExceptionally(StoreFailure.unanswered(reason));
    return failed;
  }
}
