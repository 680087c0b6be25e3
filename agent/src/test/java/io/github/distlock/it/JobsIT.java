package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.JobsFleetApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.Json;
import io.github.distlock.it.support.OwnerHost;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every run visible: a fleet's releases record their runs, and {@code jobs} shows each key's state, last run and
 * holder, with an exit status a health check can use; skipping replicas warn about a stuck holder; {@code unlock
 * --force} frees it.
 */
class JobsIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final String PREFIX = "jobs-it:";
  private static final int REPLICAS = 3;
  private static final long PERIOD_MILLIS = 500;
  private static final int TICKS = 12;
  private static final Duration RUN = Duration.ofSeconds(60);

  @Test
  void aFleetRecordsEveryRunWithItsReplicaAndFailuresAndTheJobTurnsOverdueOnceTheFleetStops() throws Exception {
    List<RunningJvm> fleet = startFleet("fleet", Integer.toString(TICKS));
    try {
      // While the fleet runs, the report job is healthy: running or ok, and jobs exits with 0.
      Await.until("the report job with 3 runs, healthy", RUN, () -> {
        Jobs jobs = jobs("jobs:report");
        Map<String, Object> report = jobs.key(PREFIX + "jobs:report");
        return jobs.status == 0 && report != null && (long) report.get("runs") >= 3;
      });
      Map<Long, Integer> reportRunsByPid = new HashMap<>();
      Map<Long, Integer> flakyRunsByPid = new HashMap<>();
      int flakyFailures = 0;
      for (RunningJvm replica : fleet) {
        assertEquals(0, replica.awaitExit(RUN), replica.output());
        putRuns(reportRunsByPid, replica.pid(), replica.results().get("reportRuns"));
        putRuns(flakyRunsByPid, replica.pid(), replica.results().get("flakyRuns"));
        flakyFailures += Integer.parseInt(replica.results().get("flakyFailures"));
      }
      Jobs jobs = jobs("*");
      Map<String, Object> report = jobs.key(PREFIX + "jobs:report");
      assertNotNull(report, jobs.json);
      assertEquals(sum(reportRunsByPid), report.get("runs"), "runs recorded = runs the replicas made: " + jobs.json);
      assertEquals(reportRunsByPid, runsByPid(report), "each run's replica");
      // The first ticks wait for the first connection, and the ticks they delay run at once, within lockAtLeastFor.
      assertTrue(sum(reportRunsByPid) >= TICKS / 2, "runs on most ticks: " + reportRunsByPid);
      for (Map<String, Object> run : runs(report)) {
        assertEquals(OwnerHost.name(), run.get("host"), jobs.json);
        assertEquals("ok", run.get("outcome"), jobs.json);
        assertNull(run.get("error"), jobs.json);
      }
      assertEquals(0L, report.get("failures"));
      assertNull(report.get("holder"), "released: " + jobs.json);

      Map<String, Object> flaky = jobs.key(PREFIX + "jobs:flaky");
      assertEquals(sum(flakyRunsByPid), flaky.get("runs"), jobs.json);
      assertEquals(flakyRunsByPid, runsByPid(flaky), "each run's replica");
      assertTrue(flakyFailures > 0, "the flaky job threw");
      assertEquals((long) flakyFailures, flaky.get("failures"), jobs.json);
      for (Map<String, Object> run : runs(flaky)) {
        String expected = "failed".equals(run.get("outcome")) ? "java.lang.IllegalStateException" : null;
        assertEquals(expected, run.get("error"), jobs.json);
      }
      assertFalse(jobs.json.contains("secret details"), "an exception's message is never recorded: " + jobs.json);
      long interval = (long) report.get("intervalMs");
      assertTrue(interval > 0 && interval <= 2 * PERIOD_MILLIS, "typical interval " + interval);

      // Nobody runs it any more: more than twice its interval later it is overdue, and jobs exits with 1.
      Jobs overdue = Await.value("the report job overdue", RUN, () -> {
        Jobs now = jobs("jobs:report");
        return "overdue".equals(now.key(PREFIX + "jobs:report").get("state")) ? now : null;
      });
      assertEquals(1, overdue.status, overdue.output);
      try (RunningJvm table = ForkedJvm.agentCommand("jobs", settings()).start()) {
        assertEquals(1, table.awaitExit(RUN), table.output());
        System.out.println("CLI jobs\n" + String.join("\n", table.stdoutLines()));
        assertTrue(Pattern.compile("(?m)^" + Pattern.quote(PREFIX + "jobs:report") + " +overdue +" + reportRuns(
            reportRunsByPid) + " +0 ").matcher(table.output()).find(), table.output());
      }
    } finally {
      fleet.forEach(RunningJvm::close);
    }
  }

  @Test
  void aHungKeepAliveRunIsStuckTheSkippingReplicasWarnOnceAndUnlockForceFreesTheJob() {
    List<RunningJvm> fleet = startFleet("hang");
    try {
      RunningJvm hung = Await.value("a replica hanging in its run", RUN, () -> {
        for (RunningJvm replica : fleet) {
          if (replica.lines().stream().anyMatch(line -> line.equals("HANGING"))) {
            return replica;
          }
        }
        return null;
      });
      String holder = OwnerHost.name() + " (pid " + hung.pid() + ")";
      List<RunningJvm> skipping = new ArrayList<>(fleet);
      skipping.remove(hung);
      for (RunningJvm replica : skipping) {
        String warning = replica.awaitLine("looks stuck", RUN);
        assertTrue(warning.contains("lock " + PREFIX + "jobs:watched looks stuck: held by " + holder), warning);
      }
      Jobs jobs = jobs("jobs:watched");
      Map<String, Object> watched = jobs.key(PREFIX + "jobs:watched");
      assertEquals("stuck", watched.get("state"), jobs.json);
      assertEquals(1, jobs.status, "stuck is an alarm");
      @SuppressWarnings("unchecked")
      Map<String, Object> holderJson = (Map<String, Object>) watched.get("holder");
      assertEquals(hung.pid(), holderJson.get("pid"), jobs.json);
      assertTrue((long) holderJson.get("heldForMs") > 3_000, jobs.json);

      try (RunningJvm unlock = ForkedJvm.agentCommand("unlock", "jobs:watched", "--force", settings()).start()) {
        assertEquals(0, unlock.awaitExit(RUN), unlock.output());
        assertTrue(unlock.output().contains(PREFIX + "jobs:watched is held by " + OwnerHost.name() + ":" + hung.pid()
            + " for "), unlock.output());
        assertTrue(unlock.output().contains("deleted " + PREFIX + "jobs:watched"), unlock.output());
      }
      try (RespClient client = redis.client()) {
        Await.until("another replica running the job again", RUN,
            () -> Long.parseLong(client.get("watched:runs")) > 3);
      }
      for (RunningJvm replica : skipping) {
        assertEquals(1, replica.lines().stream().filter(line -> line.contains("looks stuck")).count(),
            "one warning per stuck holder: " + replica.output());
      }
    } finally {
      fleet.forEach(replica -> {
        if (replica.isAlive()) {
          replica.writeLine("release");
          replica.writeLine("exit");
        }
      });
      fleet.forEach(RunningJvm::close);
    }
  }

  @Test
  void locksOfOtherImplementationsAreShownAsHeldBySomeoneUnknown() {
    try (RespClient client = redis.client()) {
      // The NestJS seed's decorator writes a UUID; another tool may write a bare number.
      client.setNxPx(PREFIX + "seed:sync", "0b7c5a3e-1f2d-4c8e-9a6b-3d5e7f901234", 60_000);
      client.setNxPx(PREFIX + "digits", "12345", 60_000);
      client.set(PREFIX + "{" + PREFIX + "seed:sync}:fence", "7");
    }
    Jobs jobs = jobs("*");
    assertEquals(2, jobs.keys.size(), "the two locks, and not the fencing counter: " + jobs.json);
    for (String key : List.of(PREFIX + "seed:sync", PREFIX + "digits")) {
      Map<String, Object> lock = jobs.key(key);
      assertEquals("running", lock.get("state"), jobs.json);
      @SuppressWarnings("unchecked")
      Map<String, Object> holder = (Map<String, Object>) lock.get("holder");
      assertNull(holder.get("host"), jobs.json);
      assertNull(holder.get("pid"), jobs.json);
      assertTrue((long) holder.get("timeLeftMs") > 0, jobs.json);
    }
    try (RunningJvm unlock = ForkedJvm.agentCommand("unlock", "seed:sync", settings()).start()) {
      assertEquals(1, unlock.awaitExit(RUN), unlock.output());
      assertTrue(unlock.output().contains(PREFIX + "seed:sync is held by unknown"), unlock.output());
      assertTrue(unlock.output().contains("not deleted: add --force"), unlock.output());
    }
    try (RespClient client = redis.client()) {
      assertNotNull(client.get(PREFIX + "seed:sync"), "without --force nothing is deleted");
    }
  }

  private List<RunningJvm> startFleet(String mode, String... more) {
    List<RunningJvm> fleet = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      List<String> args = new ArrayList<>(List.of(mode, redis.host(), Integer.toString(redis.port()),
          Long.toString(mode.equals("hang") ? 200 : PERIOD_MILLIS)));
      args.addAll(List.of(more));
      fleet.add(ForkedJvm.main(JobsFleetApp.class).name("replica-" + i).args(args.toArray(new String[0]))
          .withAgent(settings()).start());
    }
    for (RunningJvm replica : fleet) {
      replica.awaitLine("^READY$", RUN);
    }
    // Every scheduler fires its first tick at once, before any agent has connected.
    fleet.forEach(replica -> replica.writeLine("go"));
    return fleet;
  }

  private static String settings() {
    return "redis.url=" + redis.url() + ",keyPrefix=" + PREFIX;
  }

  private static Jobs jobs(String pattern) {
    try (RunningJvm cli = ForkedJvm.agentCommand("jobs", pattern, "--json", settings()).start()) {
      int status = cli.awaitExit(RUN);
      assertTrue(status == 0 || status == 1, cli.output());
      return new Jobs(status, String.join("", cli.stdoutLines()), cli.output());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> runs(Map<String, Object> key) {
    return (List<Map<String, Object>>) key.get("recentRuns");
  }

  private static Map<Long, Integer> runsByPid(Map<String, Object> key) {
    Map<Long, Integer> byPid = new HashMap<>();
    for (Map<String, Object> run : runs(key)) {
      byPid.merge((Long) run.get("pid"), 1, Integer::sum);
    }
    return byPid;
  }

  private static void putRuns(Map<Long, Integer> byPid, long pid, String runs) {
    if (Integer.parseInt(runs) > 0) {
      byPid.put(pid, Integer.parseInt(runs));
    }
  }

  private static long sum(Map<Long, Integer> runs) {
    return runs.values().stream().mapToLong(Integer::longValue).sum();
  }

  private static String reportRuns(Map<Long, Integer> runs) {
    return Long.toString(sum(runs));
  }

  /** What one {@code jobs --json} printed, and its exit status. */
  private static final class Jobs {
    final int status;
    final String json;
    final String output;
    final List<Map<String, Object>> keys;

    Jobs(int status, String json, String output) {
      this.status = status;
      this.json = json;
      this.output = output;
      this.keys = Json.array(json);
    }

    Map<String, Object> key(String name) {
      return keys.stream().filter(key -> name.equals(key.get("key"))).findFirst().orElse(null);
    }
  }
}
