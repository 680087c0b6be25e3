package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.AsyncJobApp;
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
 * A locked method that returns a {@code CompletionStage} holds its lock until the stage settles, as the seed's
 * {@code async} methods hold theirs until their Promise settles: a second replica never starts the same work while
 * the first one's is pending, and the lock is released once it completes, fails or is cancelled.
 */
class AsyncResultsIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final String KEY = AsyncJobApp.KEY;

  @ParameterizedTest(name = "settled by {0}")
  @ValueSource(strings = {"complete", "fail", "cancel"})
  void theLockIsHeldWhileTheFutureIsPendingAndReleasedWhenItSettles(String settle) {
    try (RespClient client = redis.client();
        RunningJvm app = start("async")) {
      app.writeLine("start");
      assertEquals("ran", result(app, "call.1", STARTUP));
      assertEquals("false", app.results().get("call.1.done"), "the job's future is still pending");
      // The method has returned; its future is pending: the lock is still held.
      SettledRelease lock = SettledRelease.whilePending("CompletableFuture", client, KEY);
      lock.settling();
      app.writeLine(settle);
      result(app, "settled.1", STEP);
      lock.awaitReleased(settle, STEP);
      assertEquals(settle.equals("complete") ? "ok" : settle.equals("fail") ? "failed java.lang.IllegalStateException"
          : "failed java.util.concurrent.CancellationException", lock.recordedRun(),
          "the run recorded with how its future settled");
    }
  }

  @Test
  void aSecondReplicaSkipsWhileTheFirstOnesFutureIsPendingAndGetsACompletedFuture() {
    try (RespClient client = redis.client();
        RunningJvm first = start("async-first");
        RunningJvm second = start("async-second")) {
      first.writeLine("start");
      assertEquals("ran", result(first, "call.1", STARTUP));

      second.writeLine("start");
      assertEquals("skipped", result(second, "call.1", STARTUP), "the first replica's work is still pending");
      assertEquals("false", second.results().get("call.1.null"), "a skipped call returns a future, never null");
      assertEquals("true", second.results().get("call.1.done"), "already completed (with null)");
      second.writeLine("stage");
      assertEquals("skipped", result(second, "call.2", STEP), "declared as CompletionStage: skipped too");
      assertEquals("false", second.results().get("call.2.null"));
      assertEquals("true", second.results().get("call.2.done"));

      first.writeLine("complete");
      result(first, "settled.1", STEP);
      Await.until("the first replica's lock to be released", STEP, () -> !client.exists(KEY));
      second.writeLine("stage");
      assertEquals("ran", result(second, "call.3", STEP), "free again once the first replica's work is done");
      assertTrue(client.exists(KEY), "and now the second replica's pending stage holds it");
    }
  }

  @Test
  void theCallersOwnFollowUpFindsTheLockFreeOnceTheFutureHasCompleted() {
    try (RespClient client = redis.client();
        RunningJvm app = start("async-chain")) {
      app.writeLine("chain");
      assertEquals("ran", result(app, "call.1", STARTUP));
      app.writeLine("complete");
      result(app, "settled.1", STEP);
      assertEquals("ran", app.results().get("chained"),
          "the job called again from the completed future's own callback is not skipped by its predecessor");
      assertTrue(client.exists(KEY), "the second run's future is pending and holds the lock");
    }
  }

  @Test
  void aSynchronousCallThatStartedAsyncWorkOnTheSameKeyKeepsTheLockUntilThatWorkSettles() {
    try (RespClient client = redis.client();
        RunningJvm app = start("async-outer")) {
      app.writeLine("outer");
      assertEquals("outer-ran", result(app, "call.1", STARTUP));
      assertTrue(client.exists(KEY), "the nested call's future is pending: the outer return must not release");
      app.writeLine("complete");
      result(app, "settled.1", STEP);
      Await.until("the lock to be released once the nested future completed", STEP, () -> !client.exists(KEY));
    }
  }

  @Test
  void aLockedMethodCalledFromACallbackOfThePendingWorkIsSkipped() {
    try (RespClient client = redis.client();
        RunningJvm app = start("async-compose")) {
      app.writeLine("compose");
      assertEquals("ran", result(app, "call.1", STARTUP));
      app.writeLine("complete");
      assertEquals("skipped", result(app, "inner", STEP),
          "the second step runs while the work it belongs to is pending: the lock is that work's");
      result(app, "settled.1", STEP);
      Await.until("the lock to be released once the whole work settled", STEP, () -> !client.exists(KEY));
    }
  }

  @Test
  void keepAliveRenewsTheLockOfAPendingFutureBeyondItsTtl() {
    try (RespClient client = redis.client();
        RunningJvm app = start("async-keep")) {
      app.writeLine("keep");
      assertEquals("ran", result(app, "call.1", STARTUP));
      long returnedAt = System.nanoTime();
      // The ttl is 1 s: three ttls later the key exists only because it was renewed.
      Await.until("three ttls to pass", Duration.ofSeconds(10),
          () -> System.nanoTime() - returnedAt > Duration.ofSeconds(3).toNanos());
      assertTrue(client.exists(AsyncJobApp.KEEP_KEY), "renewed while the future is pending");

      app.writeLine("complete");
      result(app, "settled.1", STEP);
      Await.until("the lock to be released once the future completed", STEP,
          () -> !client.exists(AsyncJobApp.KEEP_KEY));
    }
  }

  @Test
  void aMethodThatThrowsInsteadOfReturningAFutureReleasesAtOnce() {
    try (RespClient client = redis.client();
        RunningJvm app = start("async-throw")) {
      app.writeLine("throw");
      assertEquals("ran", result(app, "call.1", STARTUP));
      Await.until("no future to wait for: released on the way out", STEP, () -> !client.exists(KEY));
      app.writeLine("start");
      assertEquals("ran", result(app, "call.2", STEP), "and the next call finds the lock free");
    }
  }

  @Test
  void aPlainFutureCannotBeFollowedAndSaysSoAtStartUp() {
    try (RespClient client = redis.client();
        RunningJvm app = start("async-future")) {
      String warning = app.awaitLine(Pattern.quote("[distlock] WARN ") + ".*AsyncJobApp#plainFuture returns"
          + " java.util.concurrent.Future: distlock cannot follow", STARTUP);
      assertTrue(warning.contains("released when the method returns"), warning);
      app.writeLine("future");
      assertEquals("ran", result(app, "call.1", STARTUP));
      assertEquals("false", app.results().get("call.1.done"));
      Await.until("released on return, as the warning says, with the future still pending", STEP,
          () -> !client.exists(AsyncJobApp.PLAIN_FUTURE_KEY));
    }
  }

  @Test
  void anAppsOwnFutureClassHoldsTheLockUntilItSettlesAndItsSkippedCallsAreNamedAtStartUp() {
    try (RespClient client = redis.client();
        RunningJvm app = start("async-own")) {
      app.awaitLine(Pattern.quote("[distlock] WARN ") + ".*AsyncJobApp#own returns .*OwnFuture: the lock is held"
          + " until the result settles, but a skipped call returns null", STARTUP);
      app.writeLine("own");
      assertEquals("ran", result(app, "call.1", STARTUP));
      assertTrue(client.exists(AsyncJobApp.OWN_KEY), "held while the app's own future is pending");
      app.writeLine("complete");
      result(app, "settled.1", STEP);
      Await.until("the lock to be released once the future completed", STEP,
          () -> !client.exists(AsyncJobApp.OWN_KEY));
    }
  }

  @Test
  void withFailModeClosedAndNoUsableRedisASkippedCallStillReturnsACompletedFuture() {
    try (RunningJvm app = app("async-closed")
        .withAgent("redis.port=not-a-port,failMode=closed").start()) {
      app.writeLine("stage");
      assertEquals("skipped", result(app, "call.1", STARTUP), "failMode=closed and no Redis: skipped");
      assertEquals("false", app.results().get("call.1.null"), "a future, never null");
      assertEquals("true", app.results().get("call.1.done"));
    }
  }

  private static RunningJvm start(String name) {
    return app(name).withAgent("redis.url=" + redis.url()).start();
  }

  private static ForkedJvm app(String name) {
    return ForkedJvm.main(AsyncJobApp.class).name(name);
  }

  private static String result(RunningJvm app, String name, Duration timeout) {
    String line = app.awaitLine("^RESULT " + Pattern.quote(name) + "=", timeout);
    return line.substring(line.indexOf('=') + 1);
  }
}
