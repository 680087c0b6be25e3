package io.github.distlock.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo command, short, and checks what it promises: with the agent every tick runs once, without
 * it the same fleet shows duplicates, and an interrupted run leaves no replica or Redis behind.
 */
class DemoFleetIT {

  private static final String SUMMARY = "(?m)^ticks: (\\d+), ran once: (\\d+), duplicates: (\\d+), missed: (\\d+)$";
  private static final String REDIS_LINE = "redis: redis-server on 127\\.0\\.0\\.1:(\\d+), started for this run";
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration GONE_TIMEOUT = Duration.ofSeconds(10);

  // Checked per test rather than once per class, so that a skip lists every test with its reason.
  @BeforeEach
  void requireRedisServer() {
    boolean found = Stream.of(Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Paths.get(dir, "redis-server")));
    String why = "run-fleet.sh needs redis-server on the PATH to start a Redis of its own"
        + " (apt-get install redis-server, brew install redis)";
    // On CI a missing Redis is a broken build, not a reason to skip the demo's tests.
    if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why);
    }
    Assumptions.assumeTrue(found, why);
  }

  @Test
  void withTheAgentEveryTickRunsExactlyOnce() {
    try (FleetLauncher fleet = FleetLauncher.start("--replicas", "3", "--seconds", "6")) {
      int status = fleet.awaitExit(RUN_TIMEOUT);
      assertNotEquals("6379", fleet.awaitLine(REDIS_LINE, Duration.ZERO).group(1), "never the machine's Redis");
      Matcher summary = fleet.awaitLine(SUMMARY, Duration.ZERO);
      int ticks = Integer.parseInt(summary.group(1));
      assertTrue(ticks >= 5, "a 6 s window has at least 5 due ticks:\n" + fleet.output());
      assertEquals("ticks: " + ticks + ", ran once: " + ticks + ", duplicates: 0, missed: 0", summary.group());
      assertEquals(0, status, fleet.output());
    }
  }

  @Test
  void onAMachineWithoutRedisTheDemoRunsOnTheEmbeddedRedis62() {
    try (FleetLauncher fleet = FleetLauncher.start("--replicas", "2", "--seconds", "4", "--redis", "embedded")) {
      int status = fleet.awaitExit(RUN_TIMEOUT);
      fleet.awaitLine("redis: redis-server 6\\.2 \\(embedded-redis\\) on 127\\.0\\.0\\.1:(\\d+), started for this run",
          Duration.ZERO);
      Matcher summary = fleet.awaitLine(SUMMARY, Duration.ZERO);
      int ticks = Integer.parseInt(summary.group(1));
      assertTrue(ticks >= 3, "a 4 s window has at least 3 due ticks:\n" + fleet.output());
      assertEquals("ticks: " + ticks + ", ran once: " + ticks + ", duplicates: 0, missed: 0", summary.group());
      assertEquals(0, status, fleet.output());
    }
  }

  @Test
  void withoutTheAgentTheSameFleetRunsTicksTwice() {
    try (FleetLauncher fleet = FleetLauncher.start("--replicas", "3", "--seconds", "6", "--no-agent")) {
      int status = fleet.awaitExit(RUN_TIMEOUT);
      Matcher summary = fleet.awaitLine(SUMMARY, Duration.ZERO);
      assertTrue(Integer.parseInt(summary.group(3)) > 0,
          "the control must show duplicates, or the test above proves nothing: " + summary.group());
      assertEquals("0", summary.group(4), "missed");
      assertEquals(1, status, "the exit status of a run with duplicates");
    }
  }

  @Test
  void anInterruptedRunLeavesNoReplicaOrRedisBehind() {
    try (FleetLauncher fleet = FleetLauncher.start("--replicas", "2", "--seconds", "30")) {
      int port = Integer.parseInt(fleet.awaitLine(REDIS_LINE, RUN_TIMEOUT).group(1));
      fleet.awaitLine("^all replicas ready", RUN_TIMEOUT);
      List<ProcessHandle> started = fleet.descendants();
      assertTrue(started.size() >= 3, "two replicas and redis-server: " + started);

      fleet.terminate();

      assertEquals(143, fleet.awaitExit(RUN_TIMEOUT), "exit status after SIGTERM");
      awaitTrue("the replicas and redis-server to be gone",
          () -> started.stream().noneMatch(ProcessHandle::isAlive));
      assertFalse(portOpen(port), "redis-server port " + port + " still open");
    }
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        fail("timed out after " + GONE_TIMEOUT + " waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
