package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.AgentThreadsApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the agent costs a JVM in threads and connections: nothing until the application has a lock, and then
 * threads that never hold on to an application's class loader.
 */
class AgentThreadsIT {

  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void aJvmWithoutLocksNeverConnectsToRedisAndRunsNoAgentThread() {
    try (RespClient client = redis.client();
        RunningJvm app = start("plain")) {
      app.awaitLine("^REPORTED$", RUN);
      assertEquals("[]", app.results().get("agentThreads"));
      assertEquals(1, clients(client), "only this test's own connection:\n" + client.command("CLIENT", "LIST"));
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(RUN));
    }
  }

  @Test
  void agentThreadsNeverKeepTheContextClassLoaderOfTheThreadThatLoadedTheFirstLock() {
    try (RespClient client = redis.client();
        RunningJvm app = start("locked")) {
      app.awaitLine("^REPORTED$", RUN);
      Map<String, String> results = app.results();
      assertTrue(results.get("agentThreads").contains("lettuce-"), "Lettuce's threads: " + results);
      assertTrue(results.get("agentThreads").contains("distlock-renewal"), "the renewal thread: " + results);
      assertEquals("[]", results.get("pinning"), "threads whose context class loader is the web application's");
      assertEquals(2, clients(client), "the agent's connection and this test's");
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(RUN));
      assertFalse(app.output().contains("[distlock] ERROR"), app.output());
    }
  }

  private static RunningJvm start(String mode) {
    return ForkedJvm.main(AgentThreadsApp.class).args(mode).withAgent("redis.url=" + redis.url()).start();
  }

  private static long clients(RespClient client) {
    return String.valueOf(client.command("CLIENT", "LIST")).lines().filter(line -> !line.isBlank()).count();
  }
}
