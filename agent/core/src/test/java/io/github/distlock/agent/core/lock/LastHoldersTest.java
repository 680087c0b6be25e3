package io.github.distlock.agent.core.lock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a {@code failMode=lastHolder} call that Redis cannot answer runs: the JVM's own record of the key. */
class LastHoldersTest {

  private static final String KEY = "app:report";
  private static final long PERIOD = TimeUnit.SECONDS.toNanos(1);
  private static final long START = 1_000 * PERIOD;

  private final LastHolders holders = new LastHolders();

  @Test
  void theJvmThatTookTheKeyLastRunsEveryOutageCallAtItsPace() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    for (int tick = 2; tick < 20; tick++) {
      assertTrue(holders.heldLast(KEY, START + tick * PERIOD), "outage tick " + tick);
    }
  }

  @Test
  void aJvmThatSawAnotherOwnerLastDoesNotRun() {
    acquireAndRelease(START);
    holders.busy(KEY, START + PERIOD);
    assertFalse(holders.heldLast(KEY, START + 2 * PERIOD));
  }

  @Test
  void aJustStartedJvmAndOneThatCalledOnceDoNotRun() {
    assertFalse(holders.heldLast(KEY, START), "no call answered yet");
    LastHolders calledOnce = new LastHolders();
    calledOnce.acquired(KEY, START);
    calledOnce.released(KEY, START + PERIOD / 100, 0);
    assertFalse(calledOnce.heldLast(KEY, START + PERIOD), "one call: its pace is unknown");
  }

  @Test
  void aCallAfterAMissedTickGivesTheClaimUpUntilRedisAnswersAgain() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    // Paused for a tick: another replica may have taken the key meanwhile, unseen.
    assertFalse(holders.heldLast(KEY, START + 3 * PERIOD));
    assertFalse(holders.heldLast(KEY, START + 4 * PERIOD), "back at its pace, but the claim is gone");
    acquireAndRelease(START + 5 * PERIOD);
    assertTrue(holders.heldLast(KEY, START + 6 * PERIOD), "taken again");
  }

  @Test
  void jitterOfUpToHalfAPeriodKeepsTheClaim() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    assertTrue(holders.heldLast(KEY, START + 2 * PERIOD + PERIOD / 2));
    assertFalse(holders.heldLast(KEY, START + 4 * PERIOD + PERIOD / 2 + PERIOD / 10));
  }

  @Test
  void findingItsOwnLockBusyIsNoSignOfAnotherOwner() {
    acquireAndRelease(START);
    holders.acquired(KEY, START + PERIOD);
    // A second thread's call while the first still runs on the lock.
    holders.busy(KEY, START + PERIOD + PERIOD / 10);
    holders.released(KEY, START + PERIOD + PERIOD / 5, PERIOD);
    // Within lockAtLeastFor of the release, the key is still this JVM's.
    holders.busy(KEY, START + 2 * PERIOD);
    assertTrue(holders.heldLast(KEY, START + 3 * PERIOD));
  }

  @Test
  void busyAfterItsOwnLockEndedMeansAnotherOwner() {
    acquireAndRelease(START);
    holders.acquired(KEY, START + PERIOD);
    holders.released(KEY, START + PERIOD, PERIOD / 2);
    holders.busy(KEY, START + 2 * PERIOD);
    assertFalse(holders.heldLast(KEY, START + 3 * PERIOD));
  }

  @Test
  void aLockLostBeforeItsReleaseIsNoClaim() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    holders.lost(KEY);
    assertFalse(holders.heldLast(KEY, START + 2 * PERIOD));
  }

  @Test
  void callsSkippedBehindItsOwnOutageRunKeepThePace() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    assertTrue(holders.heldLast(KEY, START + 2 * PERIOD));
    holders.called(KEY, START + 3 * PERIOD);
    holders.called(KEY, START + 4 * PERIOD);
    assertTrue(holders.heldLast(KEY, START + 5 * PERIOD));
  }

  @Test
  void keysAreIndependent() {
    acquireAndRelease(START);
    acquireAndRelease(START + PERIOD);
    holders.busy("app:other", START);
    holders.busy("app:other", START + PERIOD);
    assertTrue(holders.heldLast(KEY, START + 2 * PERIOD));
    assertFalse(holders.heldLast("app:other", START + 2 * PERIOD));
  }

  private void acquireAndRelease(long at) {
    holders.acquired(KEY, at);
    holders.released(KEY, at + PERIOD / 100, 0);
  }
}
