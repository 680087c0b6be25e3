package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.FacadeApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic facade, the seed's service: with the agent it locks in Redis, without it it never blocks. */
class FacadeIT {

  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void withTheAgentAcquireAndReleaseUseTheSeedsKeyLayoutAndOwnership() {
    try (RespClient client = redis.client();
        RunningJvm app = ForkedJvm.main(FacadeApp.class).args("true")
            .withAgent("redis.url=" + redis.url() + ",keyPrefix=svc:").start()) {
      client.setNxPx("svc:foreign", "another-owner", 60_000);
      app.awaitLine("^ACQUIRED$", RUN);
      assertNotNull(client.get("svc:manual"), "acquireLock sets <keyPrefix><key>");
      app.writeLine("continue");
      assertEquals(0, app.awaitExit(RUN));
      Map<String, String> results = app.results();
      assertEquals("true", results.get("agentActive"));
      assertEquals("true", results.get("connected"));
      assertEquals("IllegalStateException: the current thread holds no distlock lock",
          results.get("assertLockedOutside"));
      assertEquals("true", results.get("first"));
      assertEquals("false", results.get("second"), "a held lock is not granted twice");
      assertEquals("true", results.get("release"));
      assertEquals("false", results.get("releaseAgain"));
      assertEquals("false", results.get("releaseForeign"), "only the owner releases");
      assertEquals("another-owner", client.get("svc:foreign"));
      assertEquals(null, client.get("svc:manual"));
      assertEquals("IllegalArgumentException: key must not be empty", results.get("emptyKey"));
      assertEquals("IllegalArgumentException: ttlMs must be positive, was 0", results.get("zeroTtl"));
    }
  }

  @Test
  void withoutTheAgentMethodsRunAcquireGrantsAndWarnsOnce() {
    try (RunningJvm app = ForkedJvm.main(FacadeApp.class).args("false").start()) {
      app.awaitLine("^ACQUIRED$", RUN);
      app.writeLine("continue");
      assertEquals(0, app.awaitExit(RUN));
      Map<String, String> results = app.results();
      assertEquals("false", results.get("agentActive"));
      assertEquals("false", results.get("connected"));
      assertEquals("true", results.get("first"));
      assertEquals("true", results.get("second"));
      assertEquals("true", results.get("annotatedRan"));
      assertTrue(results.get("assertLockedOutside").contains("the distlock agent is not attached"));
      long warnings = app.stderrLines().stream()
          .filter(line -> line.contains("granted without a lock: the distlock agent is not attached"))
          .count();
      assertEquals(1, warnings, "warned once, not per call");
    }
  }
}
