package io.github.distlock.agent.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.bootstrap.FailMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code DistributedLocks.acquireLock} and {@code releaseLock}, in process, under each fail mode. */
class FacadeLocksTest {

  private static final String KEY = "nightly";
  private static final long TTL = 30_000;

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void aKeyIsTheJvmsUntilItReleasesIt(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    assertTrue(jvm.runtime.acquire(KEY, TTL));
    assertNotNull(jvm.holder(KEY), "under the configured prefix");
    assertFalse(jvm.runtime.acquire(KEY, TTL), "held: a second acquisition fails, in this JVM too");
    assertTrue(jvm.runtime.release(KEY));
    assertNull(jvm.holder(KEY));
    assertFalse(jvm.runtime.release(KEY), "nothing left to release");
  }

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void aKeyHeldByAnotherReplicaIsRefused(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    String other = jvm.takeAsAnotherReplica(KEY, Duration.ofSeconds(30));
    assertFalse(jvm.runtime.acquire(KEY, TTL));
    assertFalse(jvm.runtime.release(KEY), "never this JVM's");
    assertEquals(other, jvm.holder(KEY));
  }

  @Test
  void underOpenAnUnansweredAcquisitionSucceedsWithoutALock() {
    LockSide jvm = new LockSide(FailMode.OPEN);
    jvm.store.goDown();
    assertTrue(jvm.runtime.acquire(KEY, TTL));
    assertEquals(1, jvm.stats(KEY).getFailedOpen());
  }

  @ParameterizedTest
  @EnumSource(value = FailMode.class, names = {"CLOSED", "LAST_HOLDER"})
  void underClosedAndWithoutAClaimAnUnansweredAcquisitionFails(FailMode mode) {
    LockSide jvm = new LockSide(mode);
    jvm.store.goDown();
    assertFalse(jvm.runtime.acquire(KEY, TTL));
    assertEquals(1, jvm.stats(KEY).getFailedClosed());
  }

  @Test
  void underLastHolderTheJvmThatHeldTheKeyLastIsGrantedItOnceAtATime() {
    LockSide jvm = new LockSide(FailMode.LAST_HOLDER);
    for (int tick = 0; tick < 2; tick++) {
      assertTrue(jvm.runtime.acquire(KEY, TTL));
      assertTrue(jvm.runtime.release(KEY));
      jvm.advance(Duration.ofSeconds(1));
    }
    jvm.store.goDown();
    assertTrue(jvm.runtime.acquire(KEY, TTL), "granted without a lock, at its usual pace");
    assertEquals(1, jvm.stats(KEY).getFailedLastHolder());
    assertFalse(jvm.runtime.acquire(KEY, TTL), "once at a time, as the lock would be");
    assertTrue(jvm.runtime.release(KEY), "released as it was granted");
  }
}
