package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.it.apps.ColdStartApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's presence adds nothing to an application's output but its own {@code [distlock]} lines: in particular
 * no JVM warning, such as the class-data-sharing one that appending a jar to the bootstrap class path causes.
 */
class JvmWarningsIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration RUN = Duration.ofSeconds(60);

  @Test
  void aJvmWithTheAgentAndALockPrintsNoJvmWarning() {
    try (RunningJvm app = ForkedJvm.main(ColdStartApp.class).name("warnings").args("1")
        .withAgent("redis.url=" + redis.url() + ",keyPrefix=warnings:")
        .start()) {
      assertEquals(0, app.awaitExit(RUN), app.output());
      assertEquals("ran-locked", app.results().get("call.1"), "the bridge works: " + app.output());
      List<String> foreign = app.stderrLines().stream().filter(line -> !line.startsWith("[distlock] ")).toList();
      assertEquals(List.of(), foreign, "lines the agent's presence added to standard error");
    }
  }
}
