package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ScheduledJobApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.Json;
import io.github.distlock.it.support.RedisSentinels;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import io.github.distlock.it.support.ScheduledTicks;
import io.github.distlock.it.support.ScheduledTicks.Tick;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Locks through Redis Sentinel ({@code redis-sentinel://} with three sentinels), the primary killed or frozen
 * mid-run: no call waits longer than the timeout, the scheduler goes on, and the next ticks are locked on the
 * replica the sentinels promote, where {@code jobs} finds the runs recorded. Each scenario prints a
 * {@code SENTINEL <name>: key=value ...} line.
 */
class SentinelFailoverIT {

  private static final String PREFIX = "sentinel:";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration FAILOVER = Duration.ofSeconds(60);
  private static final long TIMEOUT_MILLIS = 1000;
  // A loaded two-core machine may add this much to a call on top of the configured timeout.
  private static final long MARGIN_MILLIS = 1500;
  private static final long PERIOD_MILLIS = 300;

  @Test
  void aKilledPrimaryIsReplacedAndTheNextTicksAreLockedOnThePromotedReplica() {
    failover("primary-killed", RedisSentinels::kill);
  }

  @Test
  void aFrozenPrimaryIsReplacedAndTheNextTicksAreLockedOnThePromotedReplica() {
    failover("primary-frozen", RedisSentinels::pause);
  }

  private static void failover(String scenario, Fault fault) {
    try (RedisSentinels redis = RedisSentinels.start();
        RunningJvm app = ForkedJvm.main(ScheduledJobApp.class).name(scenario)
            .args(Long.toString(PERIOD_MILLIS))
            .withAgent("redis.url=" + redis.url() + ",keyPrefix=" + PREFIX + ",timeout=" + TIMEOUT_MILLIS + "ms")
            .start()) {
      app.awaitLine("^READY$", STARTUP);
      ScheduledTicks.awaitCount(app, "3 locked ticks", tick -> tick.outcome().equals("locked"), 3, STARTUP);
      int oldPrimary = redis.primaryPort();

      long faultAt = System.currentTimeMillis();
      fault.inject(redis, oldPrimary);
      int newPrimary = redis.awaitNewPrimary(oldPrimary, FAILOVER);
      long promotedAt = System.currentTimeMillis();
      Tick resumed = ScheduledTicks.await(app, "a locked tick on the promoted replica",
          tick -> tick.startedAt() >= promotedAt && tick.outcome().equals("locked"), FAILOVER);
      // A replica counts the SETs replicated to it too: count from now, and wait for a tick that starts later.
      long setsBefore = sets(redis, newPrimary);
      long countedAt = System.currentTimeMillis();
      ScheduledTicks.await(app, "a locked tick after counting",
          tick -> tick.startedAt() >= countedAt && tick.outcome().equals("locked"), FAILOVER);
      long setsAfter = sets(redis, newPrimary);
      app.writeLine("status");
      String futureDone = app.awaitLine("^RESULT futureDone=", STARTUP);
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(STARTUP), app.output());

      List<Tick> ticks = ScheduledTicks.of(app);
      List<Tick> outage = ticks.stream().filter(tick -> tick.within(faultAt, resumed.startedAt())).toList();
      long maxBlock = ticks.stream().mapToLong(Tick::elapsedMillis).max().orElse(-1);
      List<String> leftOver;
      try (RespClient client = redis.client(newPrimary)) {
        leftOver = client.lockKeys(PREFIX + "*");
      }
      System.out.println("SENTINEL " + scenario + ": promoted-after-ms=" + (promotedAt - faultAt)
          + " locked-again-after-ms=" + (resumed.startedAt() - faultAt) + " outage-calls=" + outage.size()
          + " outage-outcomes=" + ScheduledTicks.outcomes(outage).toString().replace(" ", "") + " maxBlockMs="
          + maxBlock + " timeoutMs=" + TIMEOUT_MILLIS + " scheduler-alive="
          + (futureDone.endsWith("=false") ? "yes" : "no") + " left-over-locks=" + leftOver.size());

      assertTrue(maxBlock < TIMEOUT_MILLIS + MARGIN_MILLIS, "longest call " + maxBlock + " ms");
      assertTrue(ScheduledTicks.outcomes(outage).keySet().stream().allMatch(o -> o.equals("unlocked")
          || o.equals("locked")), "failMode=open runs without the lock, never skips: " + outage);
      assertTrue(futureDone.endsWith("=false"), "the periodic task must still be scheduled");
      assertTrue(setsAfter > setsBefore, "locks taken on the promoted replica: " + setsBefore + " -> " + setsAfter);
      assertEquals(List.of(), leftOver, "lock keys left behind on the new primary");

      // The operator's jobs command finds the promoted primary through the sentinels, and the runs recorded there.
      try (RunningJvm jobs = ForkedJvm.agentCommand("jobs", "--json", "redis.url=" + redis.url(),
          "keyPrefix=" + PREFIX).start()) {
        jobs.awaitExit(STARTUP);
        List<Map<String, Object>> keys = Json.array(String.join("", jobs.stdoutLines()));
        assertEquals(List.of(PREFIX + ScheduledJobApp.KEY), keys.stream().map(key -> key.get("key")).toList(),
            jobs.output());
        @SuppressWarnings("unchecked")
        Map<String, Object> lastRun = (Map<String, Object>) keys.get(0).get("lastRun");
        assertEquals(app.pid(), lastRun.get("pid"), jobs.output());
        assertTrue((long) keys.get(0).get("runs") >= 1, jobs.output());
      }
    }
  }

  private static long sets(RedisSentinels redis, int port) {
    try (RespClient client = redis.client(port)) {
      return client.commandCalls("set");
    }
  }

  /** What happens to the primary. */
  private interface Fault {
    void inject(RedisSentinels redis, int primaryPort);
  }
}
