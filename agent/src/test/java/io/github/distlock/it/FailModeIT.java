package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.FailModeApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves what {@code @DistributedLock} methods do when Redis is down, hung or back: the fail modes, one warning per
 * outage, recovery without a restart, calls bounded by the timeout, and a premain that never waits for Redis.
 */
class FailModeIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final String KEY = FailModeApp.KEY;
  private static final String OUTAGE_WARNING = "[distlock] WARN Redis unavailable: ";
  private static final String RECOVERY_INFO = "[distlock] INFO Redis reachable again; locking resumed";
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);
  // A loaded two-core machine may add this much to a call on top of the configured timeout.
  private static final long MARGIN_MILLIS = 1500;

  @Test
  void aRestartedRedisNeverMakesAJobSkipItself() {
    try (App app = App.start("timeout=1s")) {
      app.connect();
      assertEquals("ran-locked", app.call().outcome());
      redis.stop();
      assertEquals("ran-unlocked", app.call().outcome());
      redis.start();
      // Nobody else holds the lock, so no call may be skipped: the restarted server has no scripts, and the first
      // release after it is resent after NOSCRIPT, behind the next call's acquire on the same connection.
      Await.until("a call to run locked again", Duration.ofSeconds(30), () -> {
        String outcome = app.call().outcome();
        assertNotEquals("skipped", outcome, "call " + app.calls + " after the restart");
        return outcome.equals("ran-locked");
      });
      assertBackToBackCallsRunLocked(app, 4);
      app.exit();
    }
  }

  @Test
  void aFlushedScriptCacheNeverMakesAJobSkipItself() {
    try (App app = App.start("timeout=1s");
        RespClient client = redis.client()) {
      app.connect();
      for (int round = 0; round < 10; round++) {
        // As after a failover to a replica: same server, no scripts. The first release is then resent after
        // NOSCRIPT while the second call's acquire is already on its way.
        assertEquals("OK", client.command("SCRIPT", "FLUSH"));
        assertBackToBackCallsRunLocked(app, 2);
      }
      app.exit();
    }
  }

  private static void assertBackToBackCallsRunLocked(App app, int calls) {
    for (int i = 0; i < calls; i++) {
      app.jvm.writeLine("call");
    }
    for (int i = 0; i < calls; i++) {
      assertEquals("ran-locked", app.awaitCall(++app.calls).outcome(), "call " + app.calls);
    }
  }

  @ParameterizedTest(name = "failMode={0}")
  @ValueSource(strings = {"open", "closed"})
  void redisDownFollowsTheFailModeAndWarnsOncePerOutage(String failMode) {
    redis.stop();
    // open is the default, so it is left out of the arguments to prove that.
    String modeArg = failMode.equals("open") ? "" : ",failMode=closed";
    long timeoutMillis = 250;
    long budgetMillis = 1000;
    try (App app = App.start("timeout=" + timeoutMillis + "ms,connectTimeout=" + budgetMillis + "ms" + modeArg)) {
      int calls = 10;
      for (int i = 0; i < calls; i++) {
        app.jvm.writeLine("call");
      }
      String expected = failMode.equals("open") ? "ran-unlocked" : "skipped";
      for (int n = 1; n <= calls; n++) {
        Call call = app.awaitCall(n);
        assertEquals(expected, call.outcome(), "call " + n);
        // Only the first call waits for the start-up budget; once it has passed, the next calls answer at once.
        long bound = (n == 1 ? budgetMillis : 0) + timeoutMillis + MARGIN_MILLIS;
        assertTrue(call.millis() < bound, "call " + n + " took " + call.millis() + " ms");
      }
      app.exit();

      assertEquals(1, app.count(OUTAGE_WARNING, 0), "outage warnings for " + calls + " calls:\n" + app.jvm.output());
      String consequence = failMode.equals("open")
          ? "failMode=open: locked methods run without a lock"
          : "failMode=closed: locked methods are skipped";
      String warning = app.jvm.awaitLine(Pattern.quote(OUTAGE_WARNING), STEP);
      assertTrue(warning.contains(consequence), warning);
    }
  }

  @Test
  void lockingResumesByItselfWhenRedisComesBack() {
    try (App app = App.start("timeout=1s,failMode=open")) {
      app.connect();
      assertEquals("ran-locked", app.call().outcome());

      int outageStart = app.settledStderrMark();
      redis.stop();
      assertEquals("ran-unlocked", app.call().outcome());

      redis.start();
      // Nobody restarts the application: the client reconnects on its own, and some call after that gets the lock.
      Await.until("a call to run locked again", Duration.ofSeconds(30),
          () -> app.call().outcome().equals("ran-locked"));

      try (RespClient client = redis.client()) {
        app.jvm.writeLine("hold");
        int held = ++app.calls;
        String seen = app.jvm.awaitLine(
            line -> line.equals("HOLDING") || line.startsWith("RESULT call." + held + "="), STEP);
        assertEquals("HOLDING", seen, "the body should run and wait for go");
        String owner = client.get(KEY);
        assertTrue(owner != null && owner.contains(":" + app.jvm.pid() + ":"), "lock value while held: " + owner);
        long pttl = client.pttl(KEY);
        assertTrue(pttl > 0 && pttl <= 60_000, "pttl " + pttl);
        app.jvm.writeLine("go");
        assertEquals("ran-locked", app.awaitCall(held).outcome());
        Await.until(KEY + " to be released", Duration.ofSeconds(5), () -> !client.exists(KEY));
      }

      app.exit();
      assertEquals(1, app.count(OUTAGE_WARNING, outageStart), "warnings for one outage:\n" + app.jvm.output());
      assertEquals(1, app.count(RECOVERY_INFO, outageStart), app.jvm.output());
    }
  }

  @ParameterizedTest(name = "failMode={0}")
  @ValueSource(strings = {"open", "closed"})
  void hungRedisCostsAtMostTheTimeoutAndLeavesNoOrphanLock(String failMode) {
    long timeoutMillis = 1000;
    try (App app = App.start("timeout=" + timeoutMillis + "ms,failMode=" + failMode)) {
      app.connect();
      assertEquals("ran-locked", app.call().outcome());
      long setsBefore;
      try (RespClient client = redis.client()) {
        setsBefore = client.commandCalls("set");
      }

      int outageStart = app.settledStderrMark();
      redis.pause();
      int hungCalls = 3;
      String expected = failMode.equals("open") ? "ran-unlocked" : "skipped";
      for (int i = 0; i < hungCalls; i++) {
        Call call = app.call();
        assertEquals(expected, call.outcome());
        assertTrue(call.millis() < timeoutMillis + MARGIN_MILLIS, "a call on a hung Redis took " + call.millis()
            + " ms with timeout=" + timeoutMillis + "ms");
      }
      redis.resume();

      try (RespClient client = redis.client()) {
        // The timed-out SETs sit in the frozen server's socket and run on resume; each would leave a lock for the
        // whole 60 s ttl if the agent's owner-checked delete did not follow it.
        Await.until("the hung SETs to run and their locks to be deleted", Duration.ofSeconds(5),
            () -> client.commandCalls("set") >= setsBefore + hungCalls && !client.exists(KEY));
      }
      assertEquals("ran-locked", app.call().outcome());

      app.exit();
      assertEquals(1, app.count(OUTAGE_WARNING, outageStart), app.jvm.output());
      assertEquals(1, app.count(RECOVERY_INFO, outageStart), app.jvm.output());
    }
  }

  @Test
  void premainDoesNotWaitForAHungRedis() {
    redis.pause();
    // A connection attempt to a frozen server hangs for the whole timeout. A premain that waited for it would start
    // main after at least that long; a cold start of a loaded two-core machine takes up to about 6 s without it.
    long timeoutMillis = 20_000;
    try (App app = App.start("timeout=" + timeoutMillis + "ms")) {
      long mainStarted = Long.parseLong(app.awaitResult("mainStarted", STARTUP));
      assertTrue(mainStarted < timeoutMillis / 2, "main started " + mainStarted + " ms after JVM start");
      assertEquals("true", app.awaitResult("agentActive", STEP));
      assertEquals("false", app.awaitResult("connectedAtStart", STEP));

      redis.resume();
      app.connect();
      assertEquals("ran-locked", app.call().outcome());
      app.exit();
    }
  }

  /** What one call of the job reported. */
  private record Call(String outcome, long millis) {}

  /** The forked {@link FailModeApp} and the number of calls sent to it. */
  private static final class App implements AutoCloseable {

    final RunningJvm jvm;
    int calls;

    private App(RunningJvm jvm) {
      this.jvm = jvm;
    }

    static App start(String agentArgs) {
      return new App(ForkedJvm.main(FailModeApp.class)
          .name("failmode")
          .withAgent("redis.url=" + redis.url() + "," + agentArgs)
          .start());
    }

    void connect() {
      jvm.writeLine("connect");
      assertEquals("true", awaitResult("connected", STARTUP));
    }

    Call call() {
      jvm.writeLine("call");
      return awaitCall(++calls);
    }

    Call awaitCall(int n) {
      String outcome = awaitResult("call." + n, STEP);
      return new Call(outcome, Long.parseLong(jvm.results().get("call." + n + ".ms")));
    }

    String awaitResult(String name, Duration timeout) {
      String line = jvm.awaitLine("^RESULT " + Pattern.quote(name) + "=", timeout);
      return line.substring(line.indexOf('=') + 1);
    }

    /**
     * The number of stderr lines once every outage logged so far is logged as over, so that a test counts only
     * what its own outage logs: a first connect slower than the timeout is an outage of its own.
     */
    int settledStderrMark() {
      return Await.value("earlier outages to be logged as over", STEP, () -> {
        List<String> lines = jvm.stderrLines();
        return count(lines, OUTAGE_WARNING) == count(lines, RECOVERY_INFO) ? lines.size() : null;
      });
    }

    /** How many stderr lines from index {@code mark} on start with {@code prefix}. */
    long count(String prefix, int mark) {
      List<String> lines = jvm.stderrLines();
      return count(lines.subList(mark, lines.size()), prefix);
    }

    private static long count(List<String> lines, String prefix) {
      return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    void exit() {
      jvm.writeLine("exit");
      assertEquals(0, jvm.awaitExit(STEP), jvm.output());
    }

    @Override
    public void close() {
      jvm.close();
    }
  }
}
