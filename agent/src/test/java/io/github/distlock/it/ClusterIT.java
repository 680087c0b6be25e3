package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ClusterKeysApp;
import io.github.distlock.it.apps.ScheduledJobApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.Json;
import io.github.distlock.it.support.RedisCluster;
import io.github.distlock.it.support.RunningJvm;
import io.github.distlock.it.support.ScheduledTicks;
import io.github.distlock.it.support.ScheduledTicks.Tick;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Redis Cluster ({@code redis.cluster.nodes}), three primaries with a replica each on loopback: keys owned by every
 * primary are locked and fenced, with hash tags and without; after a replica takes over a primary, by a manual
 * failover or because the primary was killed, the next ticks are locked again; {@code jobs} reads every primary.
 * Failovers print a {@code CLUSTER} line.
 */
class ClusterIT {

  private static final Duration STEP = Duration.ofSeconds(60);
  private static final int KEYS = 24;
  private static final long TIMEOUT_MILLIS = 1000;
  // A loaded two-core machine may add this much to a call on top of the configured timeout.
  private static final long MARGIN_MILLIS = 1500;

  @Test
  void keysOnEveryPrimaryAreLockedAndFencedWithAndWithoutHashTags() {
    try (RedisCluster cluster = RedisCluster.start();
        RunningJvm app = ForkedJvm.main(ClusterKeysApp.class).name("cluster-keys").args(Integer.toString(KEYS))
            .withAgent("redis.cluster.nodes=" + cluster.seedNodes())
            .start()) {
      app.awaitLine("^DONE$", STEP);
      Map<String, String> results = app.results();
      Set<Integer> owners = new HashSet<>();
      for (int i = 0; i < KEYS; i++) {
        assertTrue(results.get("plain." + i).matches("[1-9][0-9]*"), "plain key " + i + ": " + results);
        assertTrue(results.get("tagged." + i).matches("[1-9][0-9]*"), "hash-tagged key " + i + ": " + results);
        owners.add(cluster.primaryOf("cluster:k" + i));
      }
      long evals = 0;
      for (int port : cluster.primaries()) {
        try (var client = cluster.client(port)) {
          evals += client.commandCalls("eval");
        }
      }
      System.out.println("CLUSTER keys: keys=" + KEYS + " eval-fallbacks=" + evals + " primaries-serving-them=" + owners.size()
          + " tagged-slot-primary=" + cluster.primaryOf("{orders}:k0"));
      assertEquals(new HashSet<>(cluster.primaries()), owners, "the plain keys are spread over every primary");
      assertEquals(0, evals, "every primary had the scripts loaded: no NOSCRIPT, no EVAL");
      assertFalse(app.output().contains("CROSSSLOT") || app.output().contains("MOVED"), app.output());

      // Each release recorded its run beside its lock key, on that key's primary; jobs reads every primary.
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < KEYS; i++) {
        expected.add("cluster:k" + i);
        expected.add("{orders}:k" + i);
      }
      List<Map<String, Object>> jobs = Await.value("every key's run recorded", STEP, () -> {
        List<Map<String, Object>> listed = jobs(cluster);
        return listed.size() == expected.size() && listed.stream().allMatch(key -> key.get("runs").equals(1L))
            ? listed : null;
      });
      assertEquals(expected, jobs.stream().map(key -> (String) key.get("key")).collect(Collectors.toCollection(
          TreeSet::new)), "the keys of every primary, and no fencing counter or history list");
    }
  }

  private static List<Map<String, Object>> jobs(RedisCluster cluster) {
    try (RunningJvm cli = ForkedJvm.agentCommand("jobs", "--json", "redis.cluster.nodes=" + cluster.seedNodes())
        .start()) {
      assertEquals(0, cli.awaitExit(STEP), cli.output());
      return Json.array(String.join("", cli.stdoutLines()));
    }
  }

  @Test
  void afterAManualFailoverAndAKilledPrimaryTheNextTicksAreLocked() {
    String key = "cluster-it:" + ScheduledJobApp.KEY;
    try (RedisCluster cluster = RedisCluster.start();
        RunningJvm app = ForkedJvm.main(ScheduledJobApp.class).name("cluster-ticks").args("300")
            .withAgent("redis.cluster.nodes=" + cluster.seedNodes() + ",keyPrefix=cluster-it:,timeout="
                + TIMEOUT_MILLIS + "ms")
            .start()) {
      app.awaitLine("^READY$", STEP);
      ScheduledTicks.awaitCount(app, "3 locked ticks", tick -> tick.outcome().equals("locked"), 3, STEP);

      int first = cluster.primaryOf(key);
      int replica = cluster.replicaOf(first);
      long manualAt = System.currentTimeMillis();
      try (var client = cluster.client(replica)) {
        client.command("CLUSTER", "FAILOVER");
      }
      Await.until("the replica to take over by manual failover", STEP, () -> servedBy(cluster, key, replica));
      long manualDoneAt = System.currentTimeMillis();
      Tick afterManual = ScheduledTicks.await(app, "a locked tick after the manual failover",
          tick -> tick.startedAt() >= manualDoneAt && tick.outcome().equals("locked"), STEP);

      long killedAt = System.currentTimeMillis();
      cluster.kill(replica);
      Await.until("the old primary to take over again", STEP, () -> servedBy(cluster, key, first));
      long promotedAt = System.currentTimeMillis();
      Tick afterKill = ScheduledTicks.await(app, "a locked tick after the killed primary was replaced",
          tick -> tick.startedAt() >= promotedAt && tick.outcome().equals("locked"), STEP);
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(STEP), app.output());

      List<Tick> ticks = ScheduledTicks.of(app);
      long maxBlock = ticks.stream().mapToLong(Tick::elapsedMillis).max().orElse(-1);
      List<Tick> outage = ticks.stream().filter(tick -> tick.within(killedAt, afterKill.startedAt())).toList();
      System.out.println("CLUSTER failover: manual-failover-ms=" + (manualDoneAt - manualAt)
          + " locked-after-manual-ms=" + (afterManual.startedAt() - manualAt) + " primary-killed-promoted-after-ms="
          + (promotedAt - killedAt) + " locked-again-after-ms=" + (afterKill.startedAt() - killedAt)
          + " outage-outcomes=" + ScheduledTicks.outcomes(outage).toString().replace(" ", "") + " maxBlockMs="
          + maxBlock + " timeoutMs=" + TIMEOUT_MILLIS);

      assertNotEquals(first, replica);
      assertTrue(maxBlock < TIMEOUT_MILLIS + MARGIN_MILLIS, "longest call " + maxBlock + " ms");
    }
  }

  // While a failover is under way the nodes may disagree for a moment; the next poll asks again.
  private static boolean servedBy(RedisCluster cluster, String key, int port) {
    try {
      return cluster.primaryOf(key) == port;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
