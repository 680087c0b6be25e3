package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.AttachFleetApp;
import io.github.distlock.it.apps.legacy.LegacyFleetApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar distlock-agent.jar attach <pid>} on a running fleet: ticks before the attach run on every
 * replica, ticks after it once; the facade starts answering; a second attach is refused.
 */
class AttachIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration STEP = Duration.ofSeconds(60);
  private static final long PERIOD_MS = 400;
  private static final int REPLICAS = 2;
  private static final int WARM_UP_TICKS = 10;

  @Test
  void attachingToARunningFleetMakesEachLaterTickRunOnce() {
    long end = System.currentTimeMillis() / PERIOD_MS + 40;
    List<RunningJvm> fleet = new ArrayList<>();
    try {
      for (int i = 0; i < REPLICAS; i++) {
        fleet.add(ForkedJvm.main(AttachFleetApp.class).name("unlocked-" + i)
            .args(String.valueOf(PERIOD_MS), String.valueOf(end)).start());
      }
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^RESULT connected\\.[0-9]+=false$", STEP);
      }
      for (RunningJvm replica : fleet) {
        try (RunningJvm attach = attach(replica, "redis.url=" + redis.url())) {
          assertEquals(0, attach.awaitExit(STEP), attach.output());
          assertTrue(attach.output().contains("attached distlock to JVM " + replica.pid()), attach.output());
        }
      }
      long attachedTick = System.currentTimeMillis() / PERIOD_MS;
      try (RunningJvm again = attach(fleet.get(0), "redis.url=" + redis.url())) {
        assertEquals(1, again.awaitExit(STEP), again.output());
        assertTrue(again.output().contains("already runs distlock"), again.output());
        assertTrue(again.output().contains("not attached"), again.output());
      }

      Map<Long, Integer> runsByTick = new TreeMap<>();
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^DONE$", STEP);
        replica.results().forEach((name, value) -> {
          if (name.startsWith("run.")) {
            runsByTick.merge(Long.parseLong(name.substring(4)), 1, Integer::sum);
          }
        });
      }
      System.out.println("ATTACH replicas=" + REPLICAS + " attached-at-tick=" + attachedTick + " runs=" + runsByTick);
      assertTrue(runsByTick.entrySet().stream().anyMatch(e -> e.getKey() < attachedTick && e.getValue() == REPLICAS),
          "before the attach every replica ran the same ticks: " + runsByTick);
      // Until both replicas have made their first connection, a tick a replica fires late (its scheduler thread
      // waited for the connection) may run after the previous run's lockAtLeastFor: ticks may then be missed or
      // caught up. Once connected, every tick runs once.
      for (long tick = attachedTick + WARM_UP_TICKS; tick < end; tick++) {
        assertEquals(1, runsByTick.getOrDefault(tick, 0), "tick " + tick + " once connected: " + runsByTick);
      }
      Map<String, String> first = fleet.get(0).results();
      assertEquals("true", first.get("connected." + (end - 1)), "the facade answers once the agent is attached");
    } finally {
      fleet.forEach(RunningJvm::close);
    }
  }

  @Test
  void anAttachWithAnUnusableConfigurationInstallsNothingAndACorrectedOneFollows() {
    long end = System.currentTimeMillis() / PERIOD_MS + 30;
    // As an operator who read the README starts a JVM to be attached to; unknown to JDK 17, hence the ignore flag.
    try (RunningJvm replica = ForkedJvm.main(AttachFleetApp.class).name("unlocked")
        .jvmArg("-XX:+IgnoreUnrecognizedVMOptions").jvmArg("-XX:+EnableDynamicAgentLoading")
        .args(String.valueOf(PERIOD_MS), String.valueOf(end)).start()) {
      replica.awaitLine("^RESULT connected\\.[0-9]+=false$", STEP);
      try (RunningJvm attach = attach(replica, "redis.url=redis://127.0.0.1:notaport")) {
        assertEquals(1, attach.awaitExit(STEP), attach.output());
        assertTrue(attach.output().contains("did not start distlock"), attach.output());
      }
      replica.awaitLine(java.util.regex.Pattern.quote("[distlock] ERROR distlock not attached: redis.url from agent"
          + " argument redis.url is invalid"), STEP);
      try (RunningJvm attach = attach(replica, "redis.url=" + redis.url())) {
        assertEquals(0, attach.awaitExit(STEP), attach.output());
      }
      replica.awaitLine(java.util.regex.Pattern.quote("[distlock] INFO attached: retransformed 1 loaded classes that"
          + " may hold locks"), STEP);
      assertFalse(replica.output().contains("A Java agent has been loaded dynamically"),
          "with -XX:+EnableDynamicAgentLoading the JDK says nothing of the attach: " + replica.output());
    }
  }

  @Test
  void attachingWithLockRulesLocksARunningLegacyFleetThatHasNoAnnotations(@TempDir Path dir) throws IOException {
    Path rules = dir.resolve("distlock.yml");
    Files.write(rules, List.of(
        "locks:",
        "  - method: io.github.distlock.it.apps.legacy.ReportJob#run",
        "    key: attach:report",
        "    ttl: 10s",
        "    lockAtLeastFor: 300ms",
        "  - method: io.github.distlock.it.apps.legacy.VendorJob#execute(long)",
        "    key: \"attach:{class}\"",
        "    ttl: 10s",
        "    lockAtLeastFor: 300ms"), StandardCharsets.UTF_8);
    long end = System.currentTimeMillis() / PERIOD_MS + 40;
    List<RunningJvm> fleet = new ArrayList<>();
    try {
      for (int i = 0; i < REPLICAS; i++) {
        fleet.add(ForkedJvm.main(LegacyFleetApp.class).name("legacy-" + i).withoutAnnotationsJar()
            .args(String.valueOf(PERIOD_MS), String.valueOf(end)).start());
      }
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^RESULT cleanup\\.[0-9]+=ran$", STEP);
      }
      for (RunningJvm replica : fleet) {
        try (RunningJvm attach = attach(replica, "redis.url=" + redis.url() + ",config=" + rules)) {
          assertEquals(0, attach.awaitExit(STEP), attach.output());
        }
        // The job classes, the interface and the class that calls them name a rule's class; only the jobs have a body
        // to lock.
        replica.awaitLine(java.util.regex.Pattern.quote("[distlock] INFO attached: retransformed 4 loaded classes"
            + " that may hold locks"), STEP);
      }
      long attachedTick = System.currentTimeMillis() / PERIOD_MS;

      Map<String, Integer> runsByJobAndTick = new TreeMap<>();
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^DONE$", STEP);
        replica.results().keySet().forEach(run -> runsByJobAndTick.merge(run, 1, Integer::sum));
      }
      System.out.println("ATTACH-RULES replicas=" + REPLICAS + " attached-at-tick=" + attachedTick + " runs="
          + runsByJobAndTick);
      assertTrue(runsByJobAndTick.entrySet().stream().anyMatch(e -> e.getKey().startsWith("report.")
          && Long.parseLong(e.getKey().substring(7)) < attachedTick && e.getValue() == REPLICAS),
          "before the attach every replica ran the same ticks: " + runsByJobAndTick);
      for (long tick = attachedTick + WARM_UP_TICKS; tick < end; tick++) {
        for (String job : List.of("report", "cleanup")) {
          assertEquals(1, runsByJobAndTick.getOrDefault(job + "." + tick, 0),
              job + " at tick " + tick + " once connected: " + runsByJobAndTick);
        }
      }
    } finally {
      fleet.forEach(RunningJvm::close);
    }
  }

  private static RunningJvm attach(RunningJvm target, String settings) {
    Path agentJar = Paths.get(System.getProperty(ForkedJvm.AGENT_JAR_PROPERTY));
    return ForkedJvm.jar(agentJar).name("attach-" + target.pid())
        .args("attach", String.valueOf(target.pid()), settings).start();
  }
}
