package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.PreloadedJobApp;
import io.github.distlock.it.apps.PreloadingAgent;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A class loaded before distlock's premain ran, by an agent listed before it, still gets its lock. */
class EarlyLoadedClassesIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration RUN = Duration.ofSeconds(60);

  @Test
  void aClassAnEarlierAgentLoadedIsLocked(@TempDir Path dir) throws IOException {
    Path preloader = AgentJars.premainOnly(dir, PreloadingAgent.class);
    String distlock = System.getProperty(ForkedJvm.AGENT_JAR_PROPERTY);
    try (RunningJvm app = ForkedJvm.main(PreloadedJobApp.class)
        .jvmArg("-javaagent:" + preloader + "=" + PreloadedJobApp.class.getName())
        .jvmArg("-javaagent:" + distlock + "=redis.url=" + redis.url())
        .start()) {
      assertEquals(0, app.awaitExit(RUN), app.output());
      assertTrue(app.stdoutLines().contains("PRELOADED " + PreloadedJobApp.class.getName()), app.output());
      assertEquals("true", app.results().get("locked"), app.output());
      assertTrue(app.lines().contains("[distlock] INFO retransformed 1 classes that may hold locks, loaded before"
          + " distlock started"), app.output());
    }
  }
}
