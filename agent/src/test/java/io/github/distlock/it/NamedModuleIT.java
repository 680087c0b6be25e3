package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job class in a named module ({@code module com.acme.jobs { requires io.github.distlock; }}), launched with
 * {@code --module-path … -m}: its lock works as on the class path, and so does the facade.
 */
class NamedModuleIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration RUN = Duration.ofSeconds(30);
  private static final String MODULE = "com.acme.jobs";

  @TempDir static Path modules;

  @BeforeAll
  static void compileTheModularApp() throws URISyntaxException {
    Path sources = Paths.get(NamedModuleIT.class.getResource("/modular-app").toURI());
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", modules.toString(),
        "--module-path", annotationsJar().toString(), "--module-source-path", sources.toString(),
        "--module", MODULE);
    assertEquals(0, status, "the modular app compiles against the annotations jar's automatic module name");
  }

  @Test
  void aLockedMethodInANamedModuleRunsUnderItsLock() {
    try (RespClient client = redis.client();
        RunningJvm app = start("modular")) {
      app.awaitExit(RUN);
      Map<String, String> results = app.results();
      assertEquals("true", results.get("ran"), app.output());
      assertEquals("true", results.get("locked"), "the advice reached the bridge from the named module");
      assertEquals("true", results.get("facade"), "the facade works from the named module");
      assertEquals(false, client.exists("modular:report"), "released");
    }
  }

  @Test
  void aLockedMethodInANamedModuleIsSkippedWhileAnotherReplicaHoldsTheLock() {
    try (RespClient client = redis.client()) {
      client.set("modular:report", "another-replica");
      try (RunningJvm app = start("modular-skipped")) {
        app.awaitExit(RUN);
        assertEquals("false", app.results().get("ran"), app.output());
      } finally {
        client.del("modular:report");
      }
    }
  }

  private static RunningJvm start(String name) {
    return ForkedJvm.module(MODULE + "/com.acme.jobs.ReportJob", modules, annotationsJar()).name(name)
        .withAgent("redis.url=" + redis.url()).start();
  }

  private static Path annotationsJar() {
    try {
      return Paths.get(DistributedLock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
