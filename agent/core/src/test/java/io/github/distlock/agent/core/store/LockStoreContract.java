package io.github.distlock.agent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.agent.core.config.HistoryRetention;
import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.agent.core.history.RecordedRun;
import io.github.distlock.agent.core.history.RunOutcome;
import io.github.distlock.agent.core.history.RunRecord;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What the lock side relies on from any {@link LockStore}: one suite, run against the Redis store on a real
 * redis-server and against the {@link InMemoryLockStore} the lock side's unit tests use, so that the fake cannot
 * drift from what it stands for. Each test starts with an empty, reachable store.
 */
public abstract class LockStoreContract {

  /** How many runs each key's history keeps in the store under test: the store is made with this bound. */
  protected static final int HISTORY_RUNS = 3;

  private static final String KEY = "contract:job";
  private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(20);

  /** The store under test, started. */
  protected abstract LockStore store();

  /** Lets {@code time} pass on the store's clock. */
  protected abstract void letPass(Duration time);

  /** The store becomes unreachable and the connection to it, where there is one, is lost. */
  protected abstract void cutOff();

  /** The store is reachable again after {@link #cutOff}, with the locks it held. */
  protected abstract void reconnect();

  /** The store stops answering, though the connection to it stays open: commands sent meanwhile may still run. */
  protected abstract void freeze();

  /** The store answers again after {@link #freeze}. */
  protected abstract void thaw();

  @Test
  void aFreeKeyIsTakenOnceUntilItsOwnerReleasesIt() {
    Acquisition first = acquire(KEY, 10_000);
    assertEquals(Acquisition.Status.ACQUIRED, first.status());
    assertNotNull(first.token());
    Acquisition second = acquire(KEY, 10_000);
    assertEquals(Acquisition.Status.BUSY, second.status());
    assertTrue(store().await(release(first, 0)), "the owner's release finds its lock");
    assertEquals(Acquisition.Status.ACQUIRED, acquire(KEY, 10_000).status());
  }

  @Test
  void everyAcquisitionHasATokenOfItsOwn() {
    Acquisition one = acquire(KEY, 10_000);
    Acquisition other = acquire("contract:other", 10_000);
    assertNotEquals(one.token(), other.token());
    store().await(release(one, 0));
    assertNotEquals(one.token(), acquire(KEY, 10_000).token(), "the same key taken again");
  }

  @Test
  void onlyTheOwnerReleases() {
    Acquisition owner = acquire(KEY, 10_000);
    CompletionStage<Boolean> stranger = store().release(new Release(request(KEY, 10_000), "not-the-owner", 0, null));
    assertFalse(store().await(stranger));
    assertEquals(Acquisition.Status.BUSY, acquire(KEY, 10_000).status());
    assertTrue(store().await(release(owner, 0)));
  }

  @Test
  void aLockExpiresAfterItsTtl() {
    acquire(KEY, 1_500);
    assertEquals(Acquisition.Status.BUSY, acquire(KEY, 1_500).status());
    letPass(Duration.ofMillis(2_000));
    assertEquals(Acquisition.Status.ACQUIRED, acquire(KEY, 1_500).status());
  }

  @Test
  void aHolderWhoseLockExpiredCannotReleaseItsSuccessors() {
    Acquisition expired = acquire(KEY, 1_500);
    letPass(Duration.ofMillis(2_000));
    assertEquals(Acquisition.Status.ACQUIRED, acquire(KEY, 10_000).status());
    assertFalse(store().await(release(expired, 0)));
    assertEquals(Acquisition.Status.BUSY, acquire(KEY, 10_000).status(), "the successor still holds it");
  }

  @Test
  void aReleaseCanKeepTheKeyForLockAtLeastFor() {
    Acquisition owner = acquire(KEY, 60_000);
    assertTrue(store().await(release(owner, 1_500)));
    assertEquals(Acquisition.Status.BUSY, acquire(KEY, 60_000).status(), "kept for lockAtLeastFor");
    letPass(Duration.ofMillis(2_000));
    assertEquals(Acquisition.Status.ACQUIRED, acquire(KEY, 60_000).status(), "then free, long before its ttl");
  }

  @Test
  void theOwnersRenewalStretchesTheLockByAWholeTtl() {
    LockRequest request = request(KEY, 3_000);
    Acquisition owner = store().tryAcquire(request);
    letPass(Duration.ofMillis(1_800));
    assertTrue(store().await(store().renew(request, owner.token(), () -> true)));
    letPass(Duration.ofMillis(1_800));
    assertEquals(Acquisition.Status.BUSY, acquire(KEY, 3_000).status(), "held past its first ttl");
  }

  @Test
  void aRenewalByAnotherTokenChangesNothing() {
    LockRequest request = request(KEY, 1_500);
    store().tryAcquire(request);
    assertFalse(store().await(store().renew(request, "not-the-owner", () -> true)));
    letPass(Duration.ofMillis(2_000));
    assertEquals(Acquisition.Status.ACQUIRED, acquire(KEY, 1_500).status(), "not stretched");
  }

  @Test
  void fencingTokensGrowAcrossOwnersAndOnlyOwnersDrawThem() {
    LockRequest request = request(KEY, 10_000);
    Acquisition first = store().tryAcquire(request);
    long one = store().drawFence(request, first.token());
    long two = store().drawFence(request, first.token());
    assertTrue(one > 0, "a token: " + one);
    assertTrue(two > one, two + " after " + one);
    store().await(release(first, 0));
    assertEquals(LockRuntime.FENCE_LOST, store().drawFence(request, first.token()), "released: no token");
    Acquisition second = store().tryAcquire(request);
    long three = store().drawFence(request, second.token());
    assertTrue(three > two, "the next owner's " + three + " after " + two);
  }

  @Test
  void anUnreachableStoreAnswersUnavailableAndFailsWhatItCannotSend() {
    LockRequest request = request(KEY, 10_000);
    Acquisition held = store().tryAcquire(request);
    cutOff();
    Acquisition attempt = store().tryAcquire(request("contract:other", 10_000));
    assertEquals(Acquisition.Status.UNAVAILABLE, attempt.status());
    assertFalse(attempt.failure().isEmpty(), "says why");
    assertEquals(LockRuntime.FENCE_UNAVAILABLE, store().drawFence(request, held.token()));
    assertInstanceOf(StoreFailure.class, failureOf(store().renew(request, held.token(), () -> true)));
  }

  @Test
  void aReleaseThatCouldNotBeSentIsSentOnceTheStoreAnswersAgain() {
    Acquisition owner = acquire(KEY, 60_000);
    cutOff();
    assertInstanceOf(StoreFailure.class, failureOf(release(owner, 0)));
    reconnect();
    // Well within the lock's ttl: only the release sent late can have freed it.
    assertEquals(Acquisition.Status.ACQUIRED, firstAnswer(KEY).status());
  }

  @Test
  void anAttemptLeftUnansweredLeavesNoLockOnceTheStoreAnswersAgain() {
    // An attempt on a store that answered before: sent, and then left unanswered.
    assertEquals(Acquisition.Status.ACQUIRED, acquire("contract:other", 60_000).status());
    freeze();
    assertEquals(Acquisition.Status.UNAVAILABLE, acquire(KEY, 60_000).status());
    thaw();
    // The attempt may have run once the store woke; its lock must not outlive it.
    assertEquals(Acquisition.Status.ACQUIRED, firstAnswer(KEY).status());
  }

  @Test
  void aReleaseRecordsTheRunItEndsWithoutTheExceptionsMessage() {
    Acquisition owner = acquire(KEY, 10_000);
    RunRecord run = new RunRecord(1_700_000_000_000L, 1_234, 10_000, RunOutcome.FAILED, "java.io.IOException");
    assertTrue(store().await(release(owner, run)));
    KeyHistory history = inspect(KEY);
    assertNull(history.holderToken(), "released");
    assertEquals(1, history.runs().size());
    RecordedRun recorded = history.runs().get(0);
    assertEquals(owner.token(), recorded.token());
    assertEquals(1_700_000_000_000L, recorded.record().startedAtMillis());
    assertEquals(1_234, recorded.record().durationMillis());
    assertEquals(10_000, recorded.record().ttlMillis());
    assertEquals(RunOutcome.FAILED, recorded.record().outcome());
    assertEquals("java.io.IOException", recorded.record().errorClass());
  }

  @Test
  void aRunWhoseLockExpiredIsRecordedAsLostAndTheSuccessorStaysTheHolder() {
    Acquisition expired = acquire(KEY, 1_500);
    letPass(Duration.ofMillis(3_000));
    Acquisition successor = acquire(KEY, 60_000);
    assertEquals(Acquisition.Status.ACQUIRED, successor.status());
    assertFalse(store().await(release(expired, new RunRecord(1, 3_000, 1_500, RunOutcome.OK, null))));
    KeyHistory history = inspect(KEY);
    assertEquals(successor.token(), history.holderToken());
    assertEquals(RunOutcome.LOST, history.runs().get(0).record().outcome());
    assertEquals(expired.token(), history.runs().get(0).token());
  }

  @Test
  void theHistoryKeepsItsNewestRunsUpToItsBound() {
    int trimAbove = new HistoryRetention(HISTORY_RUNS, Duration.ofDays(1)).trimAbove();
    for (int i = 1; i <= HISTORY_RUNS + 2; i++) {
      Acquisition owner = acquire(KEY, 10_000);
      assertTrue(store().await(release(owner, new RunRecord(i * 1_000L, 10, 10_000, RunOutcome.OK, null))));
      assertTrue(inspect(KEY).runs().size() <= trimAbove, "never more than an eighth over the bound");
    }
    List<Long> starts = new ArrayList<>();
    inspect(KEY).runs().forEach(run -> starts.add(run.record().startedAtMillis()));
    List<Long> newest = new ArrayList<>();
    for (int i = HISTORY_RUNS + 2; i > 2; i--) {
      newest.add(i * 1_000L);
    }
    assertEquals(newest, starts);
  }

  @Test
  void aReleaseThatEndsNoRunRecordsNothing() {
    Acquisition compensated = acquire(KEY, 10_000);
    assertTrue(store().await(release(compensated, 0)));
    KeyHistory history = inspect(KEY);
    assertNull(history.holderToken());
    assertEquals(List.of(), history.runs());
  }

  private Acquisition acquire(String key, long ttlMillis) {
    return store().tryAcquire(request(key, ttlMillis));
  }

  private CompletionStage<Boolean> release(Acquisition owner, long keepForMillis) {
    // The request's key is what the release names; every test releases KEY.
    return store().release(new Release(request(KEY, 60_000), owner.token(), keepForMillis, null));
  }

  private CompletionStage<Boolean> release(Acquisition owner, RunRecord run) {
    return store().release(new Release(request(KEY, 60_000), owner.token(), 0, run));
  }

  private KeyHistory inspect(String key) {
    try {
      return store().inspect(request(key, 60_000)).toCompletableFuture()
          .get(ANSWER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("no history of " + key, e);
    }
  }

  private static LockRequest request(String key, long ttlMillis) {
    return new LockRequest(key, ttlMillis, FailMode.OPEN);
  }

  /** The first answer other than "unavailable" to an attempt on {@code key}: the store may take a while to return. */
  private Acquisition firstAnswer(String key) {
    long deadline = System.nanoTime() + ANSWER_DEADLINE.toNanos();
    while (true) {
      Acquisition answer = acquire(key, 60_000);
      if (answer.status() != Acquisition.Status.UNAVAILABLE) {
        return answer;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the store did not answer within " + ANSWER_DEADLINE + ": " + answer.failure());
      }
      letPass(Duration.ofMillis(50));
    }
  }

  private static Throwable failureOf(CompletionStage<Boolean> reply) {
    CompletableFuture<Boolean> future = reply.toCompletableFuture();
    try {
      Boolean value = future.get(ANSWER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no reply within " + ANSWER_DEADLINE, e);
    }
  }
}
