package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.it.apps.AdviceErrorApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the agent does when the advice woven into a method fails (here: the application's Reactor lacks the operator
 * the advice calls): the application's call goes on, every failure is counted in {@code adviceErrors}, and the first
 * one of each method is reported with its stack trace. Every other behaviour test asserts that no such report
 * appears ({@link RunningJvm#close()}).
 */
class AdviceErrorsIT {

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String REPORT =
      "the advice woven into io.github.distlock.it.apps.StrippedReactorJob#report failed";

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void aFailingAdviceLeavesTheCallAloneAndIsCountedEveryTimeAndReportedOnce() {
    try (RunningJvm app = ForkedJvm.main(AdviceErrorApp.class).classpathOf(ClassWriter.class)
        .withAgent("redis.url=" + redis.url()).start().expectAdviceErrors()) {
      assertEquals(0, app.awaitExit(RUN));
      Map<String, String> results = app.results();
      for (int call = 0; call < 3; call++) {
        assertEquals("reactor.core.publisher.Mono", results.get("call." + call), "each call returned its Mono");
      }
      assertEquals("3", results.get("adviceErrors"));
      assertEquals(1, app.lines().stream().filter(line -> line.contains(REPORT)).count(), app.output());
      assertEquals(1, app.lines().stream().filter(line -> line.contains("NoSuchMethodError")).count(),
          "with what the advice threw: " + app.output());
    }
  }
}
