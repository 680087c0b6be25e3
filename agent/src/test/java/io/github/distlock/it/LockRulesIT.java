package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.apps.RuleConflictApp;
import io.github.distlock.it.apps.legacy.DigestJob;
import io.github.distlock.it.apps.legacy.InvoiceJob;
import io.github.distlock.it.apps.legacy.LegacyFleetApp;
import io.github.distlock.it.apps.legacy.QuartzFleetApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Job;
import org.slf4j.LoggerFactory;
import org.slf4j.impl.StaticLoggerBinder;

/**
 * Methods locked by the config file's {@code locks:} rules alone: a vendor's app with no annotation and no
 * distlock jar on its class path, one rule naming its job class, one naming an interface its other job implements;
 * and a Quartz app whose jobs are locked by one rule on {@code org.quartz.Job#execute}.
 */
class LockRulesIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final int REPLICAS = 3;
  private static final long PERIOD_MS = 500;
  // Every replica runs until the same tick; the last ones, when all replicas are long up, must each run once.
  private static final int TICKS = 34;
  private static final int WARM_TICKS = 12;

  @TempDir Path dir;

  @Test
  void aFleetLockedOnlyByRulesRunsEachJobOncePerTickOnceConnected() throws IOException {
    Path rules = rules();
    List<RunningJvm> fleet = new ArrayList<>();
    List<String> firstCommand = null;
    long end = System.currentTimeMillis() / PERIOD_MS + TICKS;
    try {
      for (int i = 0; i < REPLICAS; i++) {
        String debug = i == 0 ? ",logLevel=debug" : "";
        ForkedJvm replica = ForkedJvm.main(LegacyFleetApp.class).name("legacy-" + i).withoutAnnotationsJar()
            .withAgent("redis.url=" + redis.url() + ",config=" + rules + debug)
            .args(String.valueOf(PERIOD_MS), String.valueOf(end));
        firstCommand = firstCommand == null ? replica.command() : firstCommand;
        fleet.add(replica.start());
      }
      Map<String, Integer> runsByJobAndTick = new TreeMap<>();
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^DONE$", RUN);
        replica.results().keySet().forEach(run -> runsByJobAndTick.merge(run, 1, Integer::sum));
      }
      System.out.println("RULES replicas=" + REPLICAS + " runs=" + runsByJobAndTick);
      // While the replicas make their first connections, a tick one of them fires late (its scheduler thread
      // waited) may find the previous run's lock, or, past that run's lockAtLeastFor, run as a catch-up: early
      // ticks may be missed or caught up. Once all are connected, each tick runs once.
      for (long tick = end - WARM_TICKS; tick < end; tick++) {
        for (String job : List.of("report", "cleanup")) {
          assertEquals(1, runsByJobAndTick.getOrDefault(job + "." + tick, 0),
              job + " at tick " + tick + ", once all replicas were up: " + runsByJobAndTick);
        }
      }

      RunningJvm first = fleet.get(0);
      first.awaitLine(Pattern.quote("[distlock] DEBUG lock site io.github.distlock.it.apps.legacy.CleanupJob#execute"
          + "(J)V -> legacy:io.github.distlock.it.apps.legacy.CleanupJob"), RUN);
      assertFalse(String.join(" ", firstCommand).contains(codeSourceName(DistributedLock.class)),
          "no distlock jar on the app's class path");
    } finally {
      fleet.forEach(RunningJvm::close);
    }
  }

  @Test
  void aRuleOnQuartzJobLocksEachJobOfAQuartzFleetOncePerTick() throws IOException {
    Path rules = dir.resolve("quartz.yml");
    Files.write(rules, List.of(
        "locks:",
        "  - method: org.quartz.Job#execute",
        "    key: \"quartz:{class}\"",
        "    ttl: 10s",
        "    lockAtLeastFor: 300ms"), StandardCharsets.UTF_8);
    List<RunningJvm> fleet = new ArrayList<>();
    long end = System.currentTimeMillis() / PERIOD_MS + TICKS;
    try {
      for (int i = 0; i < REPLICAS; i++) {
        String debug = i == 0 ? ",logLevel=debug" : "";
        // The app's libraries, as its own build would ship them: Quartz, and slf4j with the no-op binding.
        fleet.add(ForkedJvm.main(QuartzFleetApp.class).name("quartz-" + i).withoutAnnotationsJar()
            .classpathOf(Job.class, LoggerFactory.class, StaticLoggerBinder.class)
            .withAgent("redis.url=" + redis.url() + ",config=" + rules + debug)
            .args(String.valueOf(PERIOD_MS), String.valueOf(end)).start());
      }
      Map<String, Integer> runsByJobAndTick = new TreeMap<>();
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^DONE$", RUN);
        replica.results().keySet().forEach(run -> runsByJobAndTick.merge(run, 1, Integer::sum));
      }
      System.out.println("QUARTZ replicas=" + REPLICAS + " runs=" + runsByJobAndTick);
      // Early ticks may be missed or caught up, as in the test above. Both jobs fire at the same instant and a run
      // is shorter than lockAtLeastFor: had they shared a key, one of them would be skipped at every tick.
      for (long tick = end - WARM_TICKS; tick < end; tick++) {
        for (String job : List.of("invoice", "digest")) {
          assertEquals(1, runsByJobAndTick.getOrDefault(job + "." + tick, 0),
              job + " at tick " + tick + ", once all replicas were up: " + runsByJobAndTick);
        }
      }

      RunningJvm first = fleet.get(0);
      for (Class<?> job : List.of(InvoiceJob.class, DigestJob.class)) {
        first.awaitLine(Pattern.quote("[distlock] DEBUG lock site " + job.getName()
            + "#execute(Lorg/quartz/JobExecutionContext;)V -> quartz:" + job.getName()), RUN);
      }
    } finally {
      fleet.forEach(RunningJvm::close);
    }
  }

  @Test
  void anAnnotatedMethodKeepsItsAnnotationAndABadRuleValueNamesTheRule() throws IOException {
    Path file = dir.resolve("conflict.yml");
    Files.write(file, List.of(
        "locks:",
        "  - method: io.github.distlock.it.apps.RuleConflictApp#both",
        "    key: conflict:rule",
        "  - method: io.github.distlock.it.apps.RuleConflictApp#badTtl()",
        "    key: conflict:bad",
        "    ttl: soon"), StandardCharsets.UTF_8);
    try (RunningJvm app = ForkedJvm.main(RuleConflictApp.class).name("rule-conflict")
        .withAgent("redis.url=" + redis.url() + ",config=" + file + ",logLevel=debug").start()) {
      app.awaitLine(Pattern.quote("[distlock] WARN io.github.distlock.it.apps.RuleConflictApp#both: has both"
          + " @DistributedLock and the lock rule at " + file + ":2; the annotation wins"), RUN);
      app.awaitLine(Pattern.quote("[distlock] DEBUG lock site io.github.distlock.it.apps.RuleConflictApp#both()V"
          + " -> conflict:annotation"), RUN);
      app.awaitLine(Pattern.quote("[distlock] ERROR io.github.distlock.it.apps.RuleConflictApp#badTtl: lock rule at "
          + file + ":4 ttl = \"soon\" is not valid"), RUN);
      app.awaitLine("^RESULT badTtl.locked=", RUN);
      assertEquals("true", app.results().get("both.locked"));
      assertEquals("false", app.results().get("badTtl.locked"), "an unusable site follows failMode=open: unlocked");
    }
  }

  private Path rules() throws IOException {
    Path file = dir.resolve("distlock.yml");
    Files.write(file, List.of(
        "locks:",
        "  - method: io.github.distlock.it.apps.legacy.ReportJob#run",
        "    key: legacy:report",
        "    ttl: 10s",
        "    lockAtLeastFor: 300ms",
        "  - method: io.github.distlock.it.apps.legacy.VendorJob#execute(long)",
        "    key: \"legacy:{class}\"",
        "    ttl: 10s",
        "    lockAtLeastFor: 300ms"), StandardCharsets.UTF_8);
    return file;
  }

  private static String codeSourceName(Class<?> type) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
  }
}
