package io.github.distlock.agent.core.lastholder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.agent.core.base.Ticker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a {@code failMode=lastHolder} call that Redis cannot answer runs: the JVM's own record of the key. */
class LastHoldersTest {

  private static final String KEY = "app:report";
  private static final long PERIOD = TimeUnit.SECONDS.toNanos(1);
  private static final long START = 1_000 * PERIOD;
  /** The clock the record starts from; the calls below say when they happen. */
  private static final Ticker ZERO = () -> 0L;

  private final LastHolders holders = new LastHolders(ZERO);

  @Test
  void theJvmThatTookTheKeyLastRunsEveryOutageCallAtItsPace() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    for (int tick = 2; tick < 20; tick++) {
      assertTrue(outageCall(START + tick * PERIOD), "outage tick " + tick);
    }
  }

  @Test
  void aJvmThatSawAnotherOwnerLastDoesNotRun() {
    acquireAndRelease(START);
    holders.busy(KEY, START + PERIOD, START + PERIOD);
    assertFalse(outageCall(START + 2 * PERIOD));
  }

  @Test
  void aJustStartedJvmAndOneThatCalledOnceDoNotRun() {
    assertFalse(outageCall(START), "no call answered yet");
    LastHolders calledOnce = new LastHolders(ZERO);
    calledOnce.acquired(KEY, START, START);
    calledOnce.released(KEY, START + PERIOD / 100, 0);
    assertFalse(calledOnce.heldLast(KEY, START + PERIOD, START + PERIOD), "one call: its pace is unknown");
  }

  @Test
  void aCallAfterAMissedTickGivesTheClaimUpUntilRedisAnswersAgain() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    // Paused for a tick: another replica may have taken the key meanwhile, unseen.
    assertFalse(outageCall(START + 3 * PERIOD));
    assertFalse(outageCall(START + 4 * PERIOD), "back at its pace, but the claim is gone");
    acquireAndRelease(START + 5 * PERIOD);
    assertTrue(outageCall(START + 6 * PERIOD), "taken again");
  }

  @Test
  void jitterOfUpToHalfAPeriodKeepsTheClaim() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    assertTrue(outageCall(START + 2 * PERIOD + PERIOD / 2));
    assertFalse(outageCall(START + 4 * PERIOD + PERIOD / 2 + PERIOD / 10));
  }

  @Test
  void findingItsOwnLockBusyIsNoSignOfAnotherOwner() {
    acquireAndRelease(START);
    holders.acquired(KEY, START + PERIOD, START + PERIOD);
    // A second thread's call while the first still runs on the lock.
    holders.busy(KEY, START + PERIOD + PERIOD / 10, START + PERIOD + PERIOD / 10);
    holders.released(KEY, START + PERIOD + PERIOD / 5, PERIOD);
    // Within lockAtLeastFor of the release, the key is still this JVM's.
    holders.busy(KEY, START + 2 * PERIOD, START + 2 * PERIOD);
    assertTrue(outageCall(START + 3 * PERIOD));
  }

  @Test
  void busyAfterItsOwnLockEndedMeansAnotherOwner() {
    acquireAndRelease(START);
    holders.acquired(KEY, START + PERIOD, START + PERIOD);
    holders.released(KEY, START + PERIOD, PERIOD / 2);
    holders.busy(KEY, START + 2 * PERIOD, START + 2 * PERIOD);
    assertFalse(outageCall(START + 3 * PERIOD));
  }

  @Test
  void aLockLostBeforeItsReleaseIsNoClaim() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    holders.lost(KEY);
    assertFalse(outageCall(START + 2 * PERIOD));
  }

  @Test
  void callsSkippedBehindItsOwnOutageRunKeepThePace() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    assertTrue(outageCall(START + 2 * PERIOD));
    // Skipped behind the run that began at 2: they count toward the pace all the same.
    outageCall(START + 3 * PERIOD);
    outageCall(START + 4 * PERIOD);
    assertTrue(outageCall(START + 5 * PERIOD));
  }

  @Test
  void keysAreIndependent() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    holders.busy("app:other", START, START);
    holders.busy("app:other", START + PERIOD, START + PERIOD);
    assertTrue(outageCall(START + 2 * PERIOD));
    assertFalse(holders.heldLast("app:other", START + 2 * PERIOD, START + 2 * PERIOD));
  }

  @Test
  void aSequentialSchedulerHeldBackByAHungRedisKeepsTheClaim() {
    long timeout = 2 * PERIOD;
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    // Fixed delay: each call starts a period after the previous one gave up waiting for Redis.
    long calledAt = START + 2 * PERIOD;
    for (int call = 0; call < 5; call++) {
      assertTrue(holders.heldLast(KEY, calledAt, calledAt + timeout), "outage call " + call);
      calledAt += timeout + PERIOD;
    }
  }

  @Test
  void aLockHandedToARunningOutageCallCountsAsOneRunningCall() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    // The call that took the key handed it over; the outage call runs on it, then ends.
    holders.answered(KEY, START + 2 * PERIOD, START + 2 * PERIOD);
    holders.adopted(KEY);
    assertTrue(holders.isOwn(KEY, START + 2 * PERIOD + PERIOD / 20));
    holders.released(KEY, START + 2 * PERIOD + PERIOD / 10, 0);
    assertFalse(holders.isOwn(KEY, START + 2 * PERIOD + PERIOD / 5));
    holders.busy(KEY, START + 3 * PERIOD, START + 3 * PERIOD);
    assertFalse(outageCall(START + 4 * PERIOD), "another owner took it since");
  }

  @Test
  void aKeyTakenThroughTheFacadeIsThisJvmsOwnForItsTtl() {
    holders.acquiredFor(KEY, START, START, 2 * PERIOD);
    holders.busy(KEY, START + PERIOD, START + PERIOD);
    assertTrue(outageCall(START + 2 * PERIOD), "busy within its ttl: its own");
    holders.busy(KEY, START + 3 * PERIOD, START + 3 * PERIOD);
    assertFalse(outageCall(START + 4 * PERIOD), "busy after its ttl: another owner");
  }

  @Test
  void aKeyReleasedThroughTheFacadeIsNoLongerItsOwn() {
    holders.acquiredFor(KEY, START, START, 10 * PERIOD);
    holders.releasedByFacade(KEY, START + PERIOD / 2);
    holders.busy(KEY, START + PERIOD, START + PERIOD);
    assertFalse(outageCall(START + 2 * PERIOD));
  }

  @Test
  void aSlowAnswerBeforeTheHangIsAllowedForLikeAWaitThatGaveUp() {
    acquireAndRelease(START);
    // Answered after most of a period: a sequential scheduler starts the next call that much later.
    holders.acquired(KEY, START + PERIOD, START + PERIOD + PERIOD * 8 / 10);
    holders.released(KEY, START + PERIOD * 19 / 10, 0);
    assertTrue(outageCall(START + 2 * PERIOD + PERIOD * 8 / 10));
  }

  @Test
  void theKeyIsItsOwnWhileACallRunsOnItAndForTheRestOfLockAtLeastFor() {
    holders.acquired(KEY, START, START);
    assertTrue(holders.isOwn(KEY, START + PERIOD));
    holders.released(KEY, START + PERIOD, PERIOD);
    assertTrue(holders.isOwn(KEY, START + PERIOD + PERIOD / 2), "within lockAtLeastFor of the release");
    assertFalse(holders.isOwn(KEY, START + 2 * PERIOD));
    assertFalse(new LastHolders(ZERO).isOwn(KEY, START), "a key never seen");
  }

  @Test
  void callsOfOneTickFromSeveralThreadsSetNoPace() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    holders.busy(KEY, START + PERIOD + LastHolders.SAME_TICK_NANOS / 2, START + PERIOD + LastHolders.SAME_TICK_NANOS);
    assertTrue(outageCall(START + 2 * PERIOD));
  }

  private boolean outageCall(long at) {
    // Redis refused at once, as when the connection is down.
    return holders.heldLast(KEY, at, at);
  }

  private void acquireAndRelease(long at) {
    holders.acquired(KEY, at, at);
    holders.released(KEY, at + PERIOD / 100, 0);
  }
}
