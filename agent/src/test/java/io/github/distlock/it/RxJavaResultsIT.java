package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.RxJavaJobApp;
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
 * A locked method returning an RxJava 3 {@code Flowable}, {@code Observable}, {@code Maybe} or {@code Completable}
 * holds its lock for each subscription's lifetime, as one returning a Reactor {@code Mono} does.
 */
class RxJavaResultsIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"flowable", "observable", "maybe", "completable"})
  void eachSubscriptionHoldsTheLockUntilItEndsAndAConcurrentOneCompletesEmpty(String type) {
    String key = RxJavaJobApp.KEY_PREFIX + type;
    try (RespClient client = redis.client();
        RunningJvm app = start("rx-" + type)) {
      app.writeLine(type);
      assertEquals("started", result(app, "sub.1", STARTUP));
      SettledRelease lock = SettledRelease.whilePending(type, client, key);
      app.writeLine(type);
      assertEquals("complete", result(app, "sub.2.end", STEP), "a concurrent subscription completes empty");
      assertNull(app.results().get("sub.2"), "without starting the work");

      lock.settling();
      app.writeLine("complete 1");
      assertEquals("complete", result(app, "sub.1.end", STEP));
      lock.awaitReleased("complete", STEP);
      app.writeLine(type);
      assertEquals("started", result(app, "sub.3", STEP), "the next subscription gets the lock");
      app.writeLine("dispose 3");
      Await.until("the lock to be released once the subscription was disposed", STEP,
          () -> !client.exists(key));
    }
  }

  @Test
  void twoReplicasSubscribingAtOnceNeverBothStartTheWork() {
    try (RunningJvm first = start("rx-first");
        RunningJvm second = start("rx-second")) {
      // Both subscribe in their first second: neither waits for its connection first.
      first.writeLine("flowable");
      second.writeLine("flowable");
      String firstOutcome = awaitStartOrEnd(first);
      String secondOutcome = awaitStartOrEnd(second);
      assertTrue(firstOutcome.equals("started") ^ secondOutcome.equals("started"),
          "exactly one replica starts the work: first " + firstOutcome + ", second " + secondOutcome);
    }
  }

  @Test
  void aSingleIsNotFollowedAndSaysSoAtStartUp() {
    try (RespClient client = redis.client();
        RunningJvm app = start("rx-single")) {
      app.awaitLine(Pattern.quote("[distlock] WARN ") + ".*RxJavaJobApp#singleJob returns"
          + " io.reactivex.rxjava3.core.Single: distlock cannot follow", STARTUP);
      app.writeLine("single");
      assertEquals("started", result(app, "sub.1", STARTUP));
      Await.until("released on return, as the warning says", STEP,
          () -> !client.exists(RxJavaJobApp.KEY_PREFIX + "single"));
    }
  }

  private static String awaitStartOrEnd(RunningJvm app) {
    String line = app.awaitLine("^RESULT sub\\.1(\\.end)?=", STARTUP);
    return line.substring(line.indexOf('=') + 1);
  }

  // The app carries RxJava, as an application returning its types does.
  private static RunningJvm start(String name) {
    return ForkedJvm.main(RxJavaJobApp.class).name(name)
        .classpathOf(io.reactivex.rxjava3.core.Flowable.class, org.reactivestreams.Publisher.class)
        .withAgent("redis.url=" + redis.url())
        .start();
  }

  private static String result(RunningJvm app, String name, Duration timeout) {
    String line = app.awaitLine("^RESULT " + Pattern.quote(name) + "=", timeout);
    return line.substring(line.indexOf('=') + 1);
  }
}
