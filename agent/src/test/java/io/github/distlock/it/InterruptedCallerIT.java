package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.distlock.it.apps.InterruptedCallerApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller whose thread is already interrupted is an ordinary caller: it gets the lock when it is free, is
 * skipped when it is held elsewhere, and keeps its interrupt; it is never taken for a Redis outage.
 */
class InterruptedCallerIT {

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void anInterruptedCallerLocksOrSkipsAsAnyOtherAndKeepsItsInterrupt() {
    try (RespClient client = redis.client();
        RunningJvm app = ForkedJvm.main(InterruptedCallerApp.class)
            .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:")
            .start()) {
      client.setNxPx("it:busy", "another-owner", 60_000);
      app.awaitLine("^READY", STARTUP);
      app.writeLine("go");
      assertEquals(0, app.awaitExit(STEP), "exit status");
      Map<String, String> results = app.results();

      assertEquals("true", results.get("free.ran"));
      assertEquals("true", results.get("free.locked"), "ran under its lock, not unlocked");
      assertEquals("true", results.get("free.interruptedInBody"));
      assertEquals("true", results.get("free.interruptedAfter"));
      assertNull(client.get("it:free"), "released");

      assertEquals("false", results.get("busy.ran"), "skipped: the lock is held elsewhere");
      assertNull(results.get("busy.locked"), "the body did not run");
      assertEquals("true", results.get("busy.interruptedAfter"));
      assertEquals("another-owner", client.get("it:busy"));

      assertFalse(app.output().contains("Redis unavailable"), "an interrupt is not an outage");
    }
  }
}
