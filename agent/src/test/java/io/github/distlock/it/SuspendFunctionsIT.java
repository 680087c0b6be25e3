package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import io.github.distlock.it.support.SettledRelease;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A locked Kotlin {@code suspend} function takes its lock once per call, keeps it across its suspensions and
 * resumptions, and releases it when the call completes, fails or is cancelled; a call that finds the lock busy is
 * skipped as a whole and returns its result type's default. The app is Kotlin, compiled by the Kotlin compiler.
 */
class SuspendFunctionsIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final String APP = "io.github.distlock.it.apps.SuspendJobApp";
  private static final String KEY = "suspend:job";

  @ParameterizedTest(name = "ended by {0}")
  @ValueSource(strings = {"complete", "fail", "cancel"})
  void theLockIsHeldAcrossSuspensionsAndReleasedWhenTheCallEnds(String end) {
    try (RespClient client = redis.client();
        RunningJvm app = start("suspend")) {
      app.writeLine("start");
      assertEquals("ran", result(app, "call.1", STARTUP));
      assertEquals("true", result(app, "call.1.lockedAtStart", STEP));
      assertEquals("true", result(app, "call.1.lockedAfterResume", STEP),
          "resumed after its first suspension, it still runs under its lock, without taking it again");
      result(app, "call.1.waiting", STEP);
      // Suspended a second time: the lock is still held.
      SettledRelease lock = SettledRelease.whilePending("suspend", client, KEY);
      lock.settling();
      app.writeLine(end + " 1");
      String outcome = result(app, "call.1.end", STEP);
      assertEquals(end.equals("complete") ? "returned kotlin.Unit" : end.equals("fail")
          ? "failed java.lang.IllegalStateException" : "failed kotlinx.coroutines.JobCancellationException",
          outcome);
      lock.awaitReleased(end, STEP);
      assertEquals(end.equals("complete") ? "ok" : outcome, lock.recordedRun(),
          "the run recorded with how the coroutine completed");
      assertEquals("dispatcher", app.results().get("call.1.resumedOn"), "the caller resumes on its own dispatcher");
      app.writeLine("start");
      assertEquals("ran", result(app, "call.2", STEP), "and the next call takes it");
    }
  }

  @Test
  void twoReplicasCallingAtOnceNeverBothRunAndTheSkippedCallReturnsItsTypesDefault() {
    try (RespClient client = redis.client();
        RunningJvm first = start("suspend-first");
        RunningJvm second = start("suspend-second")) {
      // Both call in their first second: neither waits for its connection first.
      first.writeLine("count");
      second.writeLine("count");
      String firstOutcome = awaitRunOrEnd(first);
      String secondOutcome = awaitRunOrEnd(second);
      assertTrue(firstOutcome.equals("ran") ^ secondOutcome.equals("ran"),
          "exactly one replica runs the function: first " + firstOutcome + ", second " + secondOutcome);
      RunningJvm winner = firstOutcome.equals("ran") ? first : second;
      RunningJvm loser = winner == first ? second : first;
      assertEquals("returned 0", loser.results().get("call.1.end"), "skipped as a whole: an Int function returns 0");

      result(winner, "call.1.waiting", STEP);
      assertTrue(client.exists("suspend:count"), "the winner's call is suspended and holds the lock");
      loser.writeLine("count");
      assertEquals("returned 0", result(loser, "call.2.end", STEP), "still held: skipped again");
      assertNull(loser.results().get("call.2"));

      winner.writeLine("complete 1");
      assertEquals("returned 42", result(winner, "call.1.end", STEP));
      Await.until("the lock to be released", STEP, () -> !client.exists("suspend:count"));
    }
  }

  @Test
  void aFunctionWhoseOnlySuspensionIsATailCallHoldsTheLockUntilThatCallCompletes() {
    try (RespClient client = redis.client();
        RunningJvm app = start("suspend-tail")) {
      app.writeLine("tail");
      result(app, "call.1.waiting", STARTUP);
      assertTrue(client.exists("suspend:tail"), "suspended in its tail call: held");
      app.writeLine("complete 1");
      assertEquals("returned kotlin.Unit", result(app, "call.1.end", STEP));
      assertEquals("dispatcher", app.results().get("call.1.resumedOn"),
          "the caller resumes on its own dispatcher, not on the thread that completed the awaited work");
      Await.until("released once the tail call completed", STEP, () -> !client.exists("suspend:tail"));
    }
  }

  @Test
  void aFunctionCallingItselfWithAnotherKeyTakesThatKeysLockToo() {
    try (RespClient client = redis.client();
        RunningJvm app = start("suspend-nested")) {
      app.writeLine("nested");
      result(app, "call.1.waiting", STARTUP);
      assertTrue(client.exists("suspend:sync:all"), "the outer call's lock");
      assertTrue(client.exists("suspend:sync:acme"), "the inner call is a call of its own, not a resumption");
      app.writeLine("complete 1");
      assertEquals("returned kotlin.Unit", result(app, "call.1.end", STEP));
      Await.until("both released", STEP,
          () -> !client.exists("suspend:sync:all") && !client.exists("suspend:sync:acme"));
    }
  }

  @Test
  void keepAliveRenewsTheLockOfASuspendedCallBeyondItsTtl() {
    try (RespClient client = redis.client();
        RunningJvm app = start("suspend-keep")) {
      app.writeLine("keep");
      result(app, "call.1.waiting", STARTUP);
      long waitingSince = System.nanoTime();
      Await.until("three ttls to pass", Duration.ofSeconds(10),
          () -> System.nanoTime() - waitingSince > Duration.ofSeconds(3).toNanos());
      assertTrue(client.exists("suspend:keep"), "renewed while the call is suspended");
      app.writeLine("complete 1");
      result(app, "call.1.end", STEP);
      Await.until("released once the call completed", STEP, () -> !client.exists("suspend:keep"));
    }
  }

  private static String awaitRunOrEnd(RunningJvm app) {
    String line = app.awaitLine("^RESULT call\\.1(\\.end)?=", STARTUP);
    return line.substring(line.indexOf('=') + 1);
  }

  private static RunningJvm start(String name) {
    return ForkedJvm.main(APP).name(name)
        .classpathOf(kotlin.Unit.class, kotlinx.coroutines.CoroutineScope.class)
        .withAgent("redis.url=" + redis.url())
        .start();
  }

  private static String result(RunningJvm app, String name, Duration timeout) {
    String line = app.awaitLine("^RESULT " + Pattern.quote(name) + "=", timeout);
    return line.substring(line.indexOf('=') + 1);
  }
}
