package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.it.apps.AppSupport;
import io.github.distlock.it.apps.BootJobApp;
import io.github.distlock.it.support.BootFatJar;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot executable jar: the job class sits in {@code BOOT-INF/classes}, the annotations jar nested in
 * {@code BOOT-INF/lib}, both loaded by Boot's launcher class loader, which the agent has never heard of.
 */
class SpringBootFatJarIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void aJobInsideASpringBootFatJarIsLocked(@TempDir Path dir) throws Exception {
    Path fatJar = BootFatJar.at(dir.resolve("app.jar")).start(BootJobApp.class).classes(AppSupport.class)
        .lib(BootFatJar.annotationsJar(dir.resolve("distlock-annotations.jar"))).build();
    try (RunningJvm app = ForkedJvm.jar(fatJar).withAgent("redis.url=" + redis.url()).start()) {
      assertEquals(0, app.awaitExit(Duration.ofSeconds(60)));
      Map<String, String> results = app.results();
      assertEquals("org.springframework.boot.loader.launch.LaunchedClassLoader", results.get("bootLoader"));
      assertEquals("true", results.get("bootLocked"));
    }
  }
}
