package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.bootstrap.FailMode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code minReplicas}: a lock just taken counts once that many replicas have acknowledged it ({@code WAIT}). A lock
 * only the primary has is lost if the primary fails before replicating it, and the replica promoted in its place
 * lets a second holder in. A lock the replicas did not acknowledge in time follows the fail mode: with
 * {@code closed} it is released and the call skipped; with {@code open} or {@code lastHolder} it is kept, held by
 * the primary alone, since releasing it would let every replica of the fleet run the job at once.
 */
final class ReplicaConfirmation {

  private final int minReplicas;
  private final AgentLog log;
  private final AtomicInteger waitsInFlight = new AtomicInteger();
  private final AtomicBoolean unconfirmed = new AtomicBoolean();

  ReplicaConfirmation(int minReplicas, AgentLog log) {
    this.minReplicas = minReplicas;
    this.log = log;
  }

  boolean isOff() {
    return minReplicas == 0;
  }

  /**
   * Whether a {@code WAIT} is pending on the connection: Redis answers nothing else on it meanwhile, so a command
   * that timed out behind it says nothing about the primary's health.
   */
  boolean isWaiting() {
    return waitsInFlight.get() > 0;
  }

  /**
   * Waits until the lock on the request's key has reached {@code minReplicas} replicas, or {@code deadlineNanos}.
   *
   * @param release releases the lock (owner-checked), when it is not to be kept
   * @throws ExecutionException when {@code WAIT} failed; the lock was released if Redis refused it
   */
  Acquisition confirm(Session session, LockRequest request, String token, long deadlineNanos, Runnable release)
      throws ExecutionException {
    String key = request.key();
    FailMode failMode = request.failMode();
    // Redis must answer before the caller stops waiting: WAIT gets three quarters of what is left.
    long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()) * 3 / 4);
    long acknowledged;
    waitsInFlight.incrementAndGet();
    CompletableFuture<Long> answer = session.commands.waitForReplicas(minReplicas, waitMillis);
    answer.whenComplete((count, failure) -> waitsInFlight.decrementAndGet());
    try {
      acknowledged = Session.await(answer, deadlineNanos);
    } catch (TimeoutException e) {
      acknowledged = -1;
    } catch (ExecutionException e) {
      if (Failures.isErrorReply(e)) {
        // WAIT refused (an ACL without +wait): the lock was taken all the same, and is not confirmed.
        release.run();
      }
      throw e;
    }
    if (acknowledged >= minReplicas) {
      if (unconfirmed.compareAndSet(true, false)) {
        log.info("replicas acknowledge locks again (minReplicas=" + minReplicas + ")");
      }
      return Acquisition.acquired(token);
    }
    String shortfall = "the lock on " + key + " reached " + (acknowledged < 0 ? "no answer from" : acknowledged
        + " of") + " minReplicas=" + minReplicas + " replicas within " + waitMillis + " ms";
    if (failMode != FailMode.CLOSED) {
      if (unconfirmed.compareAndSet(false, true)) {
        log.warn(shortfall + "; failMode=" + failMode.settingName() + ": locks are kept, held by the primary alone,"
            + " until replicas acknowledge them again (logged once per episode)");
      }
      return Acquisition.acquired(token);
    }
    release.run();
    return Acquisition.unavailable(shortfall + ", and was released");
  }
}
