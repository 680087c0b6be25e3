package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ConfigProbeApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis password never appears in the agent's output, even at debug level: not when it works, and not when
 * it is wrong and the agent keeps reporting why it cannot connect.
 */
class PasswordSecrecyIT {

  private static final String PASSWORD = "s3cr3t-Pa55";
  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.withPassword(PASSWORD);

  @Test
  void correctPasswordLocksAndIsNeverPrintedAtDebugLevel() {
    try (RunningJvm app = ForkedJvm.main(ConfigProbeApp.class)
        // A generous timeout: on a busy machine a slow SET would otherwise skip the body under failMode=closed.
        .withAgent("logLevel=debug,failMode=closed,timeout=5s")
        .env("REDIS_HOST", redis.host())
        .env("REDIS_PORT", Integer.toString(redis.port()))
        .env("REDIS_PASSWORD", PASSWORD)
        .args("await-connected")
        .start()) {
      assertEquals(0, app.awaitExit(RUN), "exit status");

      // failMode=closed: the body runs only when the lock was really taken with the password.
      Map<String, String> results = app.results();
      assertEquals("true", results.get("ran"), app.output());
      assertEquals("true", results.get("held"), app.output());
      assertConfigLineMasks(app, "password=****");
      assertNeverPrinted(app, PASSWORD);
    }
    try (RespClient client = redis.client()) {
      assertEquals(1, client.commandCalls("set"), "the lock's SET reached the server");
    }
  }

  @Test
  void wrongPasswordInRedisUrlIsNeverPrintedWhileConnectFailuresAreReported() {
    String wrong = "wrongPass123";
    ForkedJvm jvm = ForkedJvm.main(ConfigProbeApp.class)
        .withAgent("redis.url=redis://:" + wrong + "@" + redis.host() + ":" + redis.port()
            + ",logLevel=debug,timeout=1s");
    try (RunningJvm app = runUntilConnectFailuresThenProbe(jvm)) {
      assertConfigLineMasks(app, "redis=redis://:****@" + redis.host() + ":" + redis.port());
      assertNeverPrinted(app, wrong);
    }
  }

  @Test
  void wrongPasswordInSeedVariableIsNeverPrintedWhileConnectFailuresAreReported() {
    String wrong = "An0ther-Wr0ng-Pw";
    ForkedJvm jvm = ForkedJvm.main(ConfigProbeApp.class)
        .withAgent("logLevel=debug,timeout=1s")
        .env("REDIS_HOST", redis.host())
        .env("REDIS_PORT", Integer.toString(redis.port()))
        .env("REDIS_PASSWORD", wrong);
    try (RunningJvm app = runUntilConnectFailuresThenProbe(jvm)) {
      assertConfigLineMasks(app, "password=****");
      assertNeverPrinted(app, wrong);
    }
  }

  /**
   * Waits for the first connect failure (a warning) and a retry (a debug line), so both kinds of message are in
   * the output, then lets the app call its locked method, which runs under the default failMode=open.
   */
  private static RunningJvm runUntilConnectFailuresThenProbe(ForkedJvm jvm) {
    RunningJvm app = jvm.args("await-go").start();
    String target = Pattern.quote("cannot connect to redis://" + redis.host() + ":" + redis.port() + "/0: ");
    app.awaitLine("^\\[distlock\\] WARN Redis unavailable: " + target, RUN);
    app.awaitLine("^\\[distlock\\] DEBUG Redis still unavailable: " + target, RUN);
    app.writeLine("go");
    assertEquals(0, app.awaitExit(RUN), "exit status");
    assertEquals("true", app.results().get("ran"), app.output());
    return app;
  }

  private static void assertConfigLineMasks(RunningJvm app, String masked) {
    String line = app.awaitLine("^\\[distlock\\] INFO config: ", Duration.ZERO);
    assertTrue(line.contains(masked), "expected " + masked + " in: " + line);
  }

  private static void assertNeverPrinted(RunningJvm app, String password) {
    List<String> leaks = app.lines().stream().filter(line -> line.contains(password)).toList();
    assertEquals(List.of(), leaks, "output lines containing the password");
  }
}
