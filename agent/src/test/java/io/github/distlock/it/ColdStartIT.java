package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ColdStartApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first second of a deploy: whole fleets start at once and their schedulers fire at start-up, before any JVM
 * has a connection to Redis. "Redis unavailable" must then mean tried and failed, not not tried yet: the first call
 * waits for the connection within the start-up budget ({@code connectTimeout}) and only then meets the fail mode.
 * None of these apps waits for {@code isConnected()}.
 */
class ColdStartIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final int REPLICAS = 3;
  // Three cold JVMs on two cores take from 2 s to well over 10 s to load Lettuce and connect, more when the machine
  // is shared; the budget under test is the mechanism, not the default's size, so give it room.
  private static final String FLEET_BUDGET = "connectTimeout=30s";
  private static final int ROUNDS = 3;
  private static final Duration RUN = Duration.ofSeconds(60);
  // A loaded two-core machine may add this much to a wait on top of the configured budget.
  private static final long MARGIN_MILLIS = 2500;

  @ParameterizedTest(name = "failMode={0}")
  @ValueSource(strings = {"open", "closed"})
  void aFleetStartedTogetherRunsTheStartUpTickOnceAndLocked(String failMode) {
    List<String> figures = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      String prefix = "cold-" + failMode + "-" + round + ":";
      List<RunningJvm> fleet = new ArrayList<>();
      try {
        for (int replica = 1; replica <= REPLICAS; replica++) {
          fleet.add(ForkedJvm.main(ColdStartApp.class).name("cold-" + round + "-" + replica).args("1")
              .withAgent("redis.url=" + redis.url() + ",keyPrefix=" + prefix + ",failMode=" + failMode + ","
                  + FLEET_BUDGET)
              .start());
        }
        List<String> outcomes = new ArrayList<>();
        long slowest = 0;
        for (RunningJvm jvm : fleet) {
          assertEquals(0, jvm.awaitExit(RUN), jvm.output());
          outcomes.add(jvm.results().get("call.1"));
          slowest = Math.max(slowest, Long.parseLong(jvm.results().get("call.1.ms")));
        }
        Map<String, Long> counted = outcomes.stream()
            .collect(Collectors.groupingBy(outcome -> outcome, TreeMap::new, Collectors.counting()));
        figures.add("round " + round + " " + counted + " slowest-first-call-ms=" + slowest);
        assertEquals(Map.of("ran-locked", 1L, "skipped", (long) REPLICAS - 1), counted,
            "round " + round + ": exactly one replica runs the start-up tick, and locked");
      } finally {
        fleet.forEach(RunningJvm::close);
      }
    }
    System.out.println("COLD failMode=" + failMode + " replicas=" + REPLICAS + " " + String.join("; ", figures));
  }

  @Test
  void aRedisThatComesUpWithinTheBudgetGivesTheFirstCallItsLock() {
    redis.stop();
    try (RunningJvm app = ForkedJvm.main(ColdStartApp.class).name("cold-late-redis").args("1")
        .withAgent("redis.url=" + redis.url() + ",failMode=closed,connectTimeout=20s")
        .start()) {
      app.awaitLine("^CALLING 1$", RUN);
      redis.start();
      assertEquals(0, app.awaitExit(RUN), app.output());
      assertEquals("ran-locked", app.results().get("call.1"), app.output());
      assertTrue(app.stderrLines().stream().noneMatch(line -> line.contains("WARN Redis unavailable")),
          "no outage is reported while the budget lasts:\n" + app.output());
    }
  }

  @Test
  void aFirstCallAfterConnectingHasFailedForLongerThanTheBudgetDoesNotWait() {
    redis.stop();
    // The locked class is loaded at start-up, so connecting starts then; the job's first call comes 4 s later.
    try (RunningJvm app = ForkedJvm.main(ColdStartApp.class).name("cold-late-call").args("1", "4000")
        .withAgent("redis.url=" + redis.url() + ",failMode=closed,connectTimeout=1s,timeout=500ms")
        .start()) {
      assertEquals(0, app.awaitExit(RUN), app.output());
      long first = Long.parseLong(app.results().get("call.1.ms"));
      System.out.println("COLD late-call first-call-ms=" + first);
      assertEquals("skipped", app.results().get("call.1"));
      assertTrue(first < 800, "Redis was tried and failed for longer than the budget: " + first + " ms");
    } finally {
      redis.start();
    }
  }

  @ParameterizedTest(name = "failMode={0}")
  @ValueSource(strings = {"open", "closed"})
  void aRedisThatStaysDownMeetsTheFailModeAfterTheBudgetAndLaterCallsDoNotWaitAgain(String failMode) {
    redis.stop();
    try (RunningJvm app = ForkedJvm.main(ColdStartApp.class).name("cold-no-redis-" + failMode).args("2")
        .withAgent("redis.url=" + redis.url() + ",failMode=" + failMode + ",connectTimeout=2s,timeout=500ms")
        .start()) {
      assertEquals(0, app.awaitExit(RUN), app.output());
      String expected = failMode.equals("open") ? "ran-unlocked" : "skipped";
      Map<String, String> results = app.results();
      long first = Long.parseLong(results.get("call.1.ms"));
      long second = Long.parseLong(results.get("call.2.ms"));
      System.out.println("COLD no-redis failMode=" + failMode + " first-call-ms=" + first + " second-call-ms="
          + second);
      assertEquals(expected, results.get("call.1"));
      assertEquals(expected, results.get("call.2"));
      assertTrue(first >= 1900 && first < 2000 + MARGIN_MILLIS, "the first call waits the budget: " + first + " ms");
      assertTrue(second < 500 + MARGIN_MILLIS, "after the budget, calls answer at once: " + second + " ms");
      assertTrue(app.stderrLines().stream().anyMatch(line -> line.matches(
          Pattern.quote("[distlock] WARN Redis unavailable: ") + ".*connectTimeout=2s.*")), app.output());
    } finally {
      redis.start();
    }
  }
}
