package io.github.distlock.agent.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.agent.core.metrics.LockStats;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockBridge;
import io.github.distlock.bootstrap.LockRuntime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The call state machine of a locked method, in process: every fail mode against every answer the store can give
 * (acquired, busy, unanswered, lost), reentrancy, results that settle later and {@code lockAtLeastFor}.
 */
class MethodLocksTest {

  private static final String KEY = "report";

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void aCallThatTakesTheLockRunsOnItAndReleasesItAtTheEnd(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    int site = jvm.site(KEY, "30s", "0", mode);
    Object lease = jvm.runtime.enter(site);
    assertInstanceOf(Lease.class, lease, "runs on the lock");
    assertNotNull(jvm.holder(KEY));
    assertTrue(jvm.runtime.holdsLock());
    jvm.runtime.exit(lease, null);
    assertNull(jvm.holder(KEY), "released");
    assertFalse(jvm.runtime.holdsLock());
    LockStats stats = jvm.stats(KEY);
    assertEquals(1, stats.getAcquired());
    assertEquals(1, stats.getReleased());
  }

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void aCallThatFindsTheLockHeldElsewhereIsSkipped(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    int site = jvm.site(KEY, "30s", "0", mode);
    String other = jvm.takeAsAnotherReplica(KEY, Duration.ofSeconds(30));
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site));
    assertEquals(other, jvm.holder(KEY), "the other replica's lock is untouched");
    assertEquals(1, jvm.stats(KEY).getSkipped());
  }

  @Test
  void aCallRedisCannotAnswerRunsWithoutALockUnderOpen() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int site = jvm.site(KEY, "30s", "0", FailMode.OPEN);
    jvm.store.goDown();
    assertNull(jvm.runtime.enter(site), "runs, with nothing to release");
    assertNull(jvm.runtime.enter(site));
    assertEquals(2, jvm.stats(KEY).getFailedOpen());
    assertEquals(1, occurrences(jvm.log(), "Redis unavailable"), "logged once per outage:\n" + jvm.log());
  }

  @ParameterizedTest
  @EnumSource(value = FailMode.class, names = {"CLOSED", "LAST_HOLDER"})
  void aCallRedisCannotAnswerIsSkippedUnderClosedAndByAJvmWithNoClaim(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    int site = jvm.site(KEY, "30s", "0", mode);
    jvm.store.goDown();
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site));
    assertEquals(1, jvm.stats(KEY).getFailedClosed());
  }

  @Test
  void aMethodsOwnFailModeWinsOverTheConfiguredOne() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int closed = jvm.site(KEY, "30s", "0", FailMode.CLOSED);
    int open = jvm.site("other", "30s", "0", FailMode.OPEN);
    jvm.store.goDown();
    assertSame(LockBridge.SKIP, jvm.runtime.enter(closed));
    assertNull(jvm.runtime.enter(open));
  }

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void aLockThatExpiredBeforeTheCallEndedIsReportedLostAndLeftToItsNewOwner(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    int site = jvm.site(KEY, "10s", "0", mode);
    Object lease = jvm.runtime.enter(site);
    jvm.advance(Duration.ofSeconds(11));
    String successor = jvm.takeAsAnotherReplica(KEY, Duration.ofSeconds(30));
    jvm.runtime.exit(lease, null);
    assertEquals(successor, jvm.holder(KEY));
    assertEquals(1, jvm.stats(KEY).getLost());
    assertTrue(jvm.log().contains("had expired or been taken over"), jvm.log());
  }

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void aMethodWhoseLockSettingsAreInvalidFollowsItsFailModeWithoutAsking(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    int site = jvm.site(KEY, "a fortnight", "0", mode);
    Object entered = jvm.runtime.enter(site);
    if (mode == FailMode.OPEN) {
      assertNull(entered, "runs without a lock");
    } else {
      assertSame(LockBridge.SKIP, entered, "no JVM can have held a lock that is never taken");
    }
    assertEquals(0, jvm.store.attempts());
  }

  @Test
  void aNestedCallOnTheSameKeyRunsOnTheOuterCallsLock() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int outer = jvm.site(KEY, "30s", "0", FailMode.OPEN);
    int inner = jvm.site(KEY, "30s", "0", FailMode.OPEN);
    Object outerLease = jvm.runtime.enter(outer);
    Object innerLease = jvm.runtime.enter(inner);
    assertSame(outerLease, innerLease);
    assertEquals(1, jvm.store.acquisitions(), "no second acquisition");
    jvm.runtime.exit(innerLease, null);
    assertNotNull(jvm.holder(KEY), "still held by the outer call");
    jvm.runtime.exit(outerLease, null);
    assertNull(jvm.holder(KEY));
  }

  @Test
  void aResultThatSettlesLaterKeepsTheLockUntilItSettles() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int site = jvm.site(KEY, "30s", "0", FailMode.OPEN);
    CompletableFuture<String> result = new CompletableFuture<>();
    jvm.runtime.exitWhenSettled(jvm.runtime.enter(site), result);
    assertNotNull(jvm.holder(KEY), "held while the work goes on");
    assertFalse(jvm.runtime.holdsLock(), "though not by the calling thread");
    result.completeExceptionally(new IllegalStateException("the job failed"));
    assertNull(jvm.holder(KEY), "released once it settled, failed or not");
  }

  @Test
  void theLockWaitsForTheResultsOfNestedCallsToo() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int site = jvm.site(KEY, "30s", "0", FailMode.OPEN);
    CompletableFuture<String> outer = new CompletableFuture<>();
    CompletableFuture<String> inner = new CompletableFuture<>();
    Object lease = jvm.runtime.enter(site);
    jvm.runtime.exitWhenSettled(jvm.runtime.enter(site), inner);
    jvm.runtime.exitWhenSettled(lease, outer);
    outer.complete("done");
    assertNotNull(jvm.holder(KEY), "the nested call's result is still pending");
    inner.complete("done");
    assertNull(jvm.holder(KEY));
  }

  @Test
  void lockAtLeastForKeepsTheKeyAfterAQuickCall() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int site = jvm.site(KEY, "30s", "10s", FailMode.OPEN);
    Object lease = jvm.runtime.enter(site);
    jvm.advance(Duration.ofSeconds(1));
    jvm.runtime.exit(lease, null);
    jvm.advance(Duration.ofMillis(8_900));
    assertNotNull(jvm.holder(KEY), "kept until 10 s after it was taken");
    jvm.advance(Duration.ofMillis(200));
    assertNull(jvm.holder(KEY), "and no longer, though the ttl is 30 s");
  }

  @Test
  void aFencingTokenIsDrawnOncePerCallAndOnlyInsideIt() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int site = jvm.site(KEY, "30s", "0", FailMode.OPEN);
    Object first = jvm.runtime.enter(site);
    long token = jvm.runtime.fencingToken();
    assertTrue(token > 0);
    assertEquals(token, jvm.runtime.fencingToken(), "the same for the rest of the body");
    jvm.runtime.exit(first, null);
    assertEquals(LockRuntime.FENCE_NOT_HELD, jvm.runtime.fencingToken());
    Object second = jvm.runtime.enter(site);
    assertTrue(jvm.runtime.fencingToken() > token, "the next call's is greater");
    jvm.runtime.exit(second, null);
  }

  @Test
  void aReleaseThatCannotReachRedisIsCountedAndSentOnceRedisAnswers() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    int site = jvm.site(KEY, "30s", "0", FailMode.OPEN);
    Object lease = jvm.runtime.enter(site);
    jvm.store.goDown();
    jvm.runtime.exit(lease, null);
    assertEquals(1, jvm.stats(KEY).getErrors());
    jvm.store.comeBack();
    assertNotNull(jvm.takeAsAnotherReplica(KEY, Duration.ofSeconds(30)), "freed before the next acquisition");
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
