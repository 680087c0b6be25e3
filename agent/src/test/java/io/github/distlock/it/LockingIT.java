package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.LockLifecycleApp;
import io.github.distlock.it.apps.SkippedReturnsApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What one annotated method does with its lock in Redis: acquire, skip, release, reentrancy, minimum hold. */
class LockingIT {

  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void skippedCallReturnsTheDefaultOfEachReturnType() {
    try (RespClient client = redis.client()) {
      client.setNxPx("it:held", "another-owner", 60_000);
      Map<String, String> results = run(ForkedJvm.main(SkippedReturnsApp.class));
      assertEquals("false", results.get("anyBodyRan"));
      for (String numeric : new String[] {"int", "long", "short", "byte", "char"}) {
        assertEquals("0", results.get(numeric), numeric);
      }
      assertEquals("0.0", results.get("double"));
      assertEquals("0.0", results.get("float"));
      assertEquals("false", results.get("boolean"));
      assertEquals("null", results.get("object"));
      assertEquals("Optional.empty", results.get("optional"));
      assertEquals("another-owner", client.get("it:held"), "a skipped call must leave the holder's lock alone");
    }
  }

  @Test
  void lockIsSetWithOwnerTokenAndTtlAndReleasedAfterReturn() {
    Map<String, String> results = run(app("return"));
    assertEquals("true", results.get("held"));
    assertTrue(results.get("valueDuringBody").matches("[^:]+:\\d+:[0-9a-f]{12}\\.[0-9a-z]+\\.[0-9a-z]+"),
        "owner token host:pid:random.counter.since, was " + results.get("valueDuringBody"));
    long ttl = Long.parseLong(results.get("ttlDuringBody"));
    assertTrue(ttl > 25_000 && ttl <= 30_000, "PX of the annotation's 30s ttl, was " + ttl);
    assertKeyGone();
  }

  @Test
  void lockIsTakenWhenTheJvmRunsWithoutBytecodeVerification() {
    // Some start scripts still disable the verifier to start faster; the agent's own classes then resolve later,
    // after its jar has joined the bootstrap class path, and must still load where premain expects them.
    Map<String, String> results = run(app("return")
        .jvmArg("-XX:+UnlockDiagnosticVMOptions")
        .jvmArg("-XX:-BytecodeVerificationRemote"));
    assertEquals("true", results.get("held"));
    assertKeyGone();
  }

  @Test
  void appExceptionPropagatesUnchangedAndReleasesTheLock() {
    Map<String, String> results = run(app("throw"));
    assertTrue(results.get("valueDuringBody") != null, "the lock was held while the body ran");
    assertEquals("JobFailed:boom:true", results.get("thrown"));
    assertKeyGone();
  }

  @Test
  void recursionOnTheSameKeyRunsWithoutSecondAcquireAndOutermostReleases() {
    Map<String, String> results = run(app("recursion"));
    assertEquals("true", results.get("held.1"));
    assertEquals("true", results.get("held.2"));
    assertEquals("true", results.get("held.3"));
    assertEquals("true", results.get("stillHeldAfterInner.2"));
    assertEquals("true", results.get("stillHeldAfterInner.1"));
    assertSetCalls(1);
    assertKeyGone();
  }

  @Test
  void callChainOnTheSameKeyRunsInnerAndKeepsTheLockUntilOuterExits() {
    Map<String, String> results = run(app("chain"));
    assertEquals("true", results.get("innerRan"));
    assertEquals("true", results.get("stillHeldAfterInner"));
    assertSetCalls(1);
    assertKeyGone();
  }

  @Test
  void lockAtLeastForKeepsTheLockAfterAShortBodyThenLetsItExpire() {
    Map<String, String> results = run(app("atLeast"));
    assertEquals("true", results.get("ran"));
    try (RespClient client = redis.client()) {
      long ttl = client.pttl("it:job");
      assertTrue(ttl > 0 && ttl <= 4_000, "shortened to the rest of lockAtLeastFor=4s, not deleted, was " + ttl);
    }
  }

  @Test
  void releaseNeverDeletesALockNowOwnedBySomeoneElse() {
    run(app("takenOver"));
    try (RespClient client = redis.client()) {
      assertEquals("another-owner", client.get("it:job"));
    }
  }

  private static ForkedJvm app(String scenario) {
    return ForkedJvm.main(LockLifecycleApp.class)
        .args(scenario, redis.host(), Integer.toString(redis.port()));
  }

  private static Map<String, String> run(ForkedJvm jvm) {
    try (RunningJvm app = jvm.withAgent("redis.url=" + redis.url() + ",keyPrefix=it:").start()) {
      assertEquals(0, app.awaitExit(RUN), "exit status");
      assertFalse(app.output().contains("[distlock] ERROR"), "no agent error");
      return app.results();
    }
  }

  // The release is sent without waiting for its reply and flushed at shutdown, so it has landed once the JVM exited.
  private static void assertKeyGone() {
    try (RespClient client = redis.client()) {
      assertNull(client.get("it:job"), "the lock key must be released");
    }
  }

  private static void assertSetCalls(long expected) {
    try (RespClient client = redis.client()) {
      assertEquals(expected, client.commandCalls("set"), "SET commands sent to Redis");
    }
  }
}
