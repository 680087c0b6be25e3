package io.github.distlock.agent.core.lastholder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.agent.core.lock.Lease;
import io.github.distlock.agent.core.lock.LockSide;
import io.github.distlock.bootstrap.FailMode;
import io.github.distlock.bootstrap.LockBridge;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code failMode=lastHolder} through the lock side, in process: which JVM's calls run while Redis cannot answer,
 * and what becomes of a run begun then once Redis answers again ({@link OutageRuns}).
 */
class LastHolderCallsTest {

  private static final String KEY = "report";
  private static final Duration PACE = Duration.ofSeconds(1);

  private final LockSide jvm = new LockSide(FailMode.LAST_HOLDER);

  @Test
  void theJvmThatHeldTheKeyLastRunsEveryOutageCallAtItsPace() {
    int site = jvm.site(KEY, "30s", "0", FailMode.LAST_HOLDER);
    tickLocked(site);
    tickLocked(site);
    jvm.store.goDown();
    for (int tick = 0; tick < 3; tick++) {
      Object run = jvm.runtime.enter(site);
      assertInstanceOf(Lease.class, run, "outage tick " + tick + " runs");
      assertNull(((Lease) run).token(), "without a lock");
      jvm.runtime.exit(run, null);
      jvm.advance(PACE);
    }
    assertEquals(3, jvm.stats(KEY).getFailedLastHolder());
  }

  @Test
  void aJvmThatSawAnotherOwnerLastSkips() {
    int site = jvm.site(KEY, "30s", "0", FailMode.LAST_HOLDER);
    tickLocked(site);
    tickLocked(site, PACE.dividedBy(2));
    jvm.takeAsAnotherReplica(KEY, Duration.ofMillis(300));
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site), "busy: another replica's turn");
    jvm.advance(PACE.dividedBy(2));
    jvm.store.goDown();
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site));
    assertEquals(1, jvm.stats(KEY).getFailedClosed());
  }

  @Test
  void aLateCallGivesTheClaimUpForTheRestOfTheOutage() {
    int site = jvm.site(KEY, "30s", "0", FailMode.LAST_HOLDER);
    tickLocked(site);
    tickLocked(site);
    jvm.store.goDown();
    // Paused past a tick: another replica may have taken the key meanwhile, unseen.
    jvm.advance(PACE.multipliedBy(2));
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site));
    jvm.advance(PACE);
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site), "back at its pace, but the claim is gone");
  }

  @Test
  void aLockLostBeforeItsReleaseLeavesNoClaim() {
    Duration pace = Duration.ofSeconds(20);
    int site = jvm.site(KEY, "10s", "0", FailMode.LAST_HOLDER);
    tickLocked(site, pace);
    Object lease = jvm.runtime.enter(site);
    jvm.advance(Duration.ofSeconds(11));
    jvm.takeAsAnotherReplica(KEY, Duration.ofMillis(100));
    jvm.runtime.exit(lease, null);
    jvm.advance(Duration.ofSeconds(9));
    jvm.store.goDown();
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site), "at its pace, but another owner may have the key");
  }

  @Test
  void aSecondCallOfTheJvmWhileItsOutageRunGoesOnIsSkipped() throws Exception {
    int site = jvm.site(KEY, "30s", "0", FailMode.LAST_HOLDER);
    tickLocked(site);
    tickLocked(site);
    jvm.store.goDown();
    Object run = jvm.runtime.enter(site);
    assertInstanceOf(Lease.class, run);
    Object second = CompletableFuture.supplyAsync(() -> jvm.runtime.enter(site)).get(10, TimeUnit.SECONDS);
    assertSame(LockBridge.SKIP, second, "once at a time in this JVM, as the lock would be");
    jvm.runtime.exit(run, null);
  }

  @Test
  void anOutageRunKeepsTheKeyBusyForItsLockAtLeastFor() {
    Duration pace = Duration.ofSeconds(6);
    int site = jvm.site(KEY, "30s", "5s", FailMode.LAST_HOLDER);
    tickLocked(site, pace);
    tickLocked(site, pace);
    jvm.store.goDown();
    jvm.runtime.exit(jvm.runtime.enter(site), null);
    jvm.advance(PACE);
    assertSame(LockBridge.SKIP, jvm.runtime.enter(site), "within lockAtLeastFor of the run");
  }

  @Test
  void anOutageRunTakesItsLockAsSoonAsRedisAnswers() throws Exception {
    int site = jvm.site(KEY, "30s", "0", FailMode.LAST_HOLDER);
    tickLocked(site);
    tickLocked(site);
    jvm.store.goDown();
    Lease run = (Lease) jvm.runtime.enter(site);
    jvm.store.comeBack();
    await("the run to take its lock", () -> run.token() != null);
    assertEquals(run.token(), jvm.holder(KEY));
    assertSame(LockBridge.SKIP, CompletableFuture.supplyAsync(() -> jvm.runtime.enter(site)).get(10, TimeUnit.SECONDS),
        "another call of this JVM finds its own run holding it");
    jvm.runtime.exit(run, null);
    assertNull(jvm.holder(KEY), "released when the run ends");
  }

  @Test
  void anOutageRunThatMetAnotherOwnerIsReportedWhenItEnds() {
    int site = jvm.site(KEY, "30s", "0", FailMode.LAST_HOLDER);
    tickLocked(site);
    tickLocked(site);
    // Taken unseen by this JVM, which does not call between its ticks.
    jvm.takeAsAnotherReplica(KEY, Duration.ofSeconds(30));
    jvm.store.goDown();
    Object run = jvm.runtime.enter(site);
    jvm.store.comeBack();
    int attempts = jvm.store.attempts();
    // The attempts follow one another on one thread: once the second has reached the store, the first's answer,
    // the key held, has been taken note of.
    await("an attempt of the run to find the key held", () -> jvm.store.attempts() >= attempts + 2);
    jvm.runtime.exit(run, null);
    assertEquals(1, jvm.stats(KEY).getLost());
    assertTrue(jvm.log().contains("both may have run at once"), jvm.log());
  }

  private void tickLocked(int site) {
    tickLocked(site, PACE);
  }

  /** One call that takes the lock, runs and releases it, then {@code pace} later. */
  private void tickLocked(int site, Duration pace) {
    Object lease = jvm.runtime.enter(site);
    assertInstanceOf(Lease.class, lease);
    assertNotNull(((Lease) lease).token());
    jvm.runtime.exit(lease, null);
    jvm.advance(pace);
  }

  // The run's attempts have a thread of their own, on real time.
  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
