package io.github.distlock.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves that {@link ForkedJvm} runs the requested JDK, controls the environment and talks over stdio. */
class ForkedJvmIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void forkRunsOnTheRequestedJdkAndEchoesStdin() {
    try (RunningJvm app = ForkedJvm.main(EchoApp.class).start()) {
      app.awaitLine("^RESULT args=", TIMEOUT);
      assertEquals(Integer.toString(TestJdk.majorVersion()), app.results().get("java.version"));

      app.writeLine("hello world");
      assertEquals("ECHO hello world", app.awaitLine("^ECHO ", TIMEOUT));
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(TIMEOUT));
      assertEquals(List.of("bye"), app.stderrLines());
      assertTrue(app.lines().containsAll(app.stdoutLines()));
      assertTrue(app.output().contains("ECHO hello world\n"), app.output());
    }
  }

  @Test
  void builderSettingsReachTheChild() {
    try (RunningJvm app = ForkedJvm.main(EchoApp.class)
        .env("REDIS_HOST", "10.1.2.3")
        .sysProp("echo", "from-builder")
        .args("a", "b c")
        .start()) {
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(TIMEOUT));
      Map<String, String> results = app.results();
      assertEquals("10.1.2.3", results.get("env.REDIS_HOST"));
      assertEquals("from-builder", results.get("prop.echo"));
      assertEquals("a,b c", results.get("args"));
    }
  }

  @Test
  void redisAndDistlockVariablesAreNotInherited() {
    try (RunningJvm app = ForkedJvm.main(ForkingApp.class)
        .env("REDIS_HOST", "leaked")
        .env("DISTLOCK_MODE", "leaked")
        .start()) {
      assertEquals(0, app.awaitExit(Duration.ofSeconds(90)));
      Map<String, String> results = app.results();
      assertEquals("leaked", results.get("own.REDIS_HOST"));
      assertEquals("absent", results.get("child.env.REDIS_HOST"));
      assertEquals("absent", results.get("child.env.DISTLOCK_MODE"));
    }
  }

  @Test
  void awaitLineFailsWithTheOutputTail() {
    try (RunningJvm app = ForkedJvm.main(EchoApp.class).start()) {
      app.awaitLine("^RESULT args=", TIMEOUT);
      AssertionError timeout =
          assertThrows(AssertionError.class, () -> app.awaitLine("never printed", Duration.ofMillis(200)));
      assertTrue(timeout.getMessage().contains("RESULT java.version="), timeout.getMessage());

      app.writeLine("exit");
      // Once the output has ended, waiting fails at once instead of running out the clock.
      long start = System.nanoTime();
      assertThrows(AssertionError.class, () -> app.awaitLine("never printed", Duration.ofMinutes(5)));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(TIMEOUT) < 0);
    }
  }

  @Test
  void killEndsTheProcess() {
    try (RunningJvm app = ForkedJvm.main(EchoApp.class).start()) {
      app.awaitLine("^RESULT args=", TIMEOUT);
      long pid = app.pid();
      app.kill();
      assertFalse(app.isAlive());
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      assertThrows(AssertionError.class, () -> app.awaitLine("never printed", TIMEOUT));
    }
  }

  @Test
  void parseResultsKeepsTheLastValueAndIgnoresOtherLines() {
    Map<String, String> results = ForkedJvm.parseResults(
        List.of("RESULT a=1", "noise a=9", "RESULT b=x=y", "RESULT a=2", "RESULT =bad", "RESULT c="));
    assertEquals(Map.of("a", "2", "b", "x=y", "c", ""), results);
  }
}
