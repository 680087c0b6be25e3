package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ReactiveJobApp;
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
 * A locked method returning Reactor's {@code Mono} or {@code Flux} holds its lock for the lifetime of each
 * subscription: taken when a subscriber subscribes, released when the subscription completes, fails or is
 * cancelled. A subscription that finds the lock busy completes empty without starting the work.
 */
class ReactiveResultsIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final String KEY = ReactiveJobApp.MONO_KEY;

  @ParameterizedTest(name = "ended by {0}")
  @ValueSource(strings = {"complete", "fail", "cancel"})
  void aMonosLockIsHeldWhileItsSubscriptionIsPendingAndReleasedWhenItEnds(String end) {
    try (RespClient client = redis.client();
        RunningJvm app = start("mono")) {
      app.writeLine("mono");
      assertEquals("started", result(app, "sub.1", STARTUP));
      SettledRelease lock = SettledRelease.whilePending("Mono", client, KEY);
      lock.settling();
      app.writeLine(end + " 1");
      if (!end.equals("cancel")) {
        assertEquals(end.equals("fail") ? "error" : "complete", result(app, "sub.1.end", STEP));
      }
      lock.awaitReleased(end, STEP);
      assertEquals(end.equals("fail") ? "failed java.lang.IllegalStateException" : "ok", lock.recordedRun(),
          "the run recorded with how its subscription ended");
      app.writeLine("mono");
      assertEquals("started", result(app, "sub.2", STEP), "and the next subscription gets the lock");
    }
  }

  @Test
  void twoReplicasSubscribingAtOnceNeverBothStartTheWork() {
    try (RespClient client = redis.client();
        RunningJvm first = start("mono-first");
        RunningJvm second = start("mono-second")) {
      // Both subscribe in their first second: neither waits for its connection first.
      first.writeLine("mono");
      second.writeLine("mono");
      String firstEnd = awaitStartOrEnd(first);
      String secondEnd = awaitStartOrEnd(second);
      assertTrue(firstEnd.equals("started") ^ secondEnd.equals("started"),
          "exactly one replica starts the work: first " + firstEnd + ", second " + secondEnd);
      RunningJvm winner = firstEnd.equals("started") ? first : second;
      RunningJvm loser = winner == first ? second : first;
      assertEquals("complete", loser.results().get("sub.1.end"), "the other completes empty");
      assertNull(loser.results().get("sub.1.value"), "without a value");

      winner.writeLine("complete 1");
      assertEquals("done", result(winner, "sub.1.value", STEP));
      Await.until("the lock to be released", STEP, () -> !client.exists(KEY));
      loser.writeLine("mono");
      assertEquals("started", result(loser, "sub.2", STEP), "free once the winner's subscription completed");
    }
  }

  @Test
  void aFluxHoldsItsLockUntilItsLastElementAndASecondSubscriptionMeanwhileCompletesEmpty() {
    try (RespClient client = redis.client();
        RunningJvm app = start("flux")) {
      app.writeLine("flux");
      assertEquals("first", result(app, "sub.1.value", STARTUP));
      // The Flux has emitted but not completed: still held.
      SettledRelease lock = SettledRelease.whilePending("Flux", client, ReactiveJobApp.FLUX_KEY);
      app.writeLine("flux");
      assertEquals("complete", result(app, "sub.2.end", STEP), "a concurrent subscription completes empty");
      assertNull(app.results().get("sub.2"), "without starting the work");
      lock.settling();
      app.writeLine("complete 1");
      assertEquals("complete", result(app, "sub.1.end", STEP));
      lock.awaitReleased("complete", STEP);
    }
  }

  @Test
  void aPublisherSubscribedTwiceAtOnceStartsItsWorkOnceAndEachLaterSubscriptionLocksAgain() {
    try (RespClient client = redis.client();
        RunningJvm app = start("mono-assembled")) {
      app.writeLine("assemble");
      assertEquals("1", result(app, "assembled", STARTUP), "the method body runs at the call");
      app.writeLine("subscribe");
      assertEquals("started", result(app, "sub.1", STARTUP));
      // The earlier assembly took no lock: the only holder is the subscription.
      assertTrue(client.exists(KEY));
      app.writeLine("subscribe");
      assertEquals("complete", result(app, "sub.2.end", STEP), "subscribed twice at once: the second is empty");
      assertNull(app.results().get("sub.2"));
      app.writeLine("complete 1");
      Await.until("the lock to be released after the first subscription", STEP, () -> !client.exists(KEY));
      app.writeLine("subscribe");
      assertEquals("started", result(app, "sub.3", STEP), "subscribed again later: locked again, and runs");
      app.writeLine("complete 3");
      Await.until("released again", STEP, () -> !client.exists(KEY));
    }
  }

  @Test
  void anAssembledButUnsubscribedMonoLeavesTheKeyFree() {
    try (RespClient client = redis.client();
        RunningJvm app = start("mono-unsubscribed")) {
      app.writeLine("assemble");
      assertEquals("1", result(app, "assembled", STARTUP));
      app.writeLine("tenant acme");
      assertEquals("started", result(app, "sub.1", STARTUP), "a later subscription of another job runs");
      assertTrue(client.exists(ReactiveJobApp.TENANT_KEY_PREFIX + "acme"), "its key built from its argument");
      assertFalse(client.exists(KEY), "the Mono nobody subscribed to holds no lock");
    }
  }

  @Test
  void keepAliveRenewsTheLockOfAPendingSubscriptionBeyondItsTtl() {
    try (RespClient client = redis.client();
        RunningJvm app = start("mono-keep")) {
      app.writeLine("keep");
      assertEquals("started", result(app, "sub.1", STARTUP));
      long startedAt = System.nanoTime();
      Await.until("three ttls to pass", Duration.ofSeconds(10),
          () -> System.nanoTime() - startedAt > Duration.ofSeconds(3).toNanos());
      assertTrue(client.exists(ReactiveJobApp.KEEP_KEY), "renewed while the subscription is pending");
      app.writeLine("complete 1");
      Await.until("released once it completed", STEP, () -> !client.exists(ReactiveJobApp.KEEP_KEY));
    }
  }

  @Test
  void withFailModeClosedAndNoUsableRedisSubscriptionsCompleteEmpty() {
    try (RunningJvm app = app("mono-closed").withAgent("redis.port=not-a-port,failMode=closed").start()) {
      app.writeLine("mono");
      assertEquals("complete", result(app, "sub.1.end", STARTUP));
      assertNull(app.results().get("sub.1"), "the work never started");
    }
  }

  private static String awaitStartOrEnd(RunningJvm app) {
    String line = app.awaitLine("^RESULT sub\\.1(\\.end)?=", STARTUP);
    return line.substring(line.indexOf('=') + 1);
  }

  private static RunningJvm start(String name) {
    return app(name).withAgent("redis.url=" + redis.url()).start();
  }

  // The app carries Reactor, as an application returning Mono does.
  private static ForkedJvm app(String name) {
    return ForkedJvm.main(ReactiveJobApp.class).name(name)
        .classpathOf(reactor.core.publisher.Mono.class, org.reactivestreams.Publisher.class);
  }

  private static String result(RunningJvm app, String name, Duration timeout) {
    String line = app.awaitLine("^RESULT " + Pattern.quote(name) + "=", timeout);
    return line.substring(line.indexOf('=') + 1);
  }
}
