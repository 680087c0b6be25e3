package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ShutdownApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Locks while the JVM shuts down, as in an application whose graceful shutdown lets running jobs finish or runs
 * jobs itself: renewal goes on, a lock taken in a shutdown hook is a real one, and every release reaches Redis
 * before the JVM is gone.
 */
class ShutdownIT {

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final int HOOK_ROUNDS = 6;

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void aKeepAliveJobThatTheGracefulShutdownWaitsForKeepsItsLockAndReleasesIt() {
    try (RespClient client = redis.client();
        RunningJvm app = start("renewed")) {
      app.awaitLine("^READY", STARTUP);
      app.writeLine("go");
      assertEquals("BODY STARTED locked=true", app.awaitLine("^BODY STARTED", STEP));
      terminate(app);
      assertHeldUntilTheBodyEnds(app, client, "it:renewed");
      app.writeLine("finish");
      app.awaitExit(STEP);
      // Renewed every third of ShutdownApp.TTL until the end, it would outlive the JVM by over a second unreleased.
      assertFalse(client.exists("it:renewed"), "released before the JVM exited");
      assertNoAgentWarning(app);
    }
  }

  @Test
  void jobsRunByShutdownHooksReleaseTheirLocksBeforeTheJvmExits() {
    // A release lost to the JVM halting is a matter of microseconds: several rounds give it every chance to show.
    for (int round = 1; round <= HOOK_ROUNDS; round++) {
      try (RespClient client = redis.client();
          RunningJvm app = start("hooks")) {
        app.awaitLine("^READY", STARTUP);
        terminate(app);
        app.awaitExit(STEP);
        long locked = app.lines().stream().filter(line -> line.equals("HOOK JOB locked=true")).count();
        assertEquals(ShutdownApp.HOOKS, locked, "round " + round + ": every hook's job ran locked");
        assertEquals(List.of(), client.keys("it:hook.*"), "round " + round + ": released, not left for 30s");
        assertNoAgentWarning(app);
      }
    }
  }

  @Test
  void aKeepAliveJobRunByAShutdownHookIsLockedRenewedAndReleased() {
    try (RespClient client = redis.client();
        RunningJvm app = start("inHook")) {
      app.awaitLine("^READY", STARTUP);
      terminate(app);
      assertEquals("BODY STARTED locked=true", app.awaitLine("^BODY STARTED", STEP));
      assertHeldUntilTheBodyEnds(app, client, "it:renewed");
      app.writeLine("finish");
      app.awaitExit(STEP);
      assertFalse(client.exists("it:renewed"), "released, not orphaned");
      assertNoAgentWarning(app);
    }
  }

  /** Checks, until the body says its work is done, that its lock never disappears from Redis. */
  private static void assertHeldUntilTheBodyEnds(RunningJvm app, RespClient client, String key) {
    // The body waits for the test's next line after BODY ENDING, so the key must be there at every check.
    Await.until("the body to end its work", STEP, () -> {
      assertTrue(client.exists(key), key + " missing while the body was running");
      return app.lines().stream().anyMatch(line -> line.startsWith("BODY ENDING"));
    });
    assertEquals("BODY ENDING locked=true", app.awaitLine("^BODY ENDING", STEP));
    assertTrue(client.exists(key), key + " missing while the body was running");
  }

  private static void assertNoAgentWarning(RunningJvm app) {
    assertFalse(app.output().contains("[distlock] ERROR"), "no agent error (such as a lost lock)");
    assertFalse(app.output().contains("[distlock] WARN"), "no agent warning (such as an expired lock)");
  }

  // SIGTERM, as a container runtime or systemd stops a service: the JVM runs its shutdown hooks.
  private static void terminate(RunningJvm app) {
    assertTrue(ProcessHandle.of(app.pid()).orElseThrow().destroy(), "SIGTERM sent");
  }

  private static RunningJvm start(String scenario) {
    return ForkedJvm.main(ShutdownApp.class)
        .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:")
        .args(scenario)
        .start();
  }
}
