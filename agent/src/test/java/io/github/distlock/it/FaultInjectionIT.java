package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ClockSkewApp;
import io.github.distlock.it.apps.FencingApp;
import io.github.distlock.it.apps.KeepAliveApp;
import io.github.distlock.it.apps.OwnLibrariesApp;
import io.github.distlock.it.apps.ScheduledJobApp;
import io.github.distlock.it.apps.TakeoverApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.JmxLocks;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import io.github.distlock.it.support.ScheduledTicks;
import io.github.distlock.it.support.ScheduledTicks.Tick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault injection against real replicas (forked JVMs with the agent) and a real {@code redis-server}: Redis killed
 * or frozen mid-run, a holder SIGKILLed, jobs outliving their ttl, a lock deleted behind a running job, replicas
 * with skewed clocks, and an app shipping its own versions of the agent's libraries. Each scenario prints one
 * {@code FAULT <name>: key=value ...} line with what it measured, then asserts it.
 */
class FaultInjectionIT {

  // Persistent, so that a lock left behind across the Redis restart is still there to be found as an orphan.
  @RegisterExtension static final RedisServer redis = RedisServer.persistent();

  private static final String PREFIX = "fault:";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final long TIMEOUT_MILLIS = 1000;
  // A loaded two-core machine may add this much to a call on top of the configured timeout.
  private static final long MARGIN_MILLIS = 1500;
  private static final long PERIOD_MILLIS = 300;
  // Ticks are counted rather than time slept, so the outages last at least this many periods.
  private static final int OUTAGE_TICKS = 10;
  private static final int HUNG_TICKS = 4;
  // Counted from the first tick that starts after redis.start() returned, that is once Redis answers PING.
  private static final int MAX_TICKS_TO_RESUME = 2;
  private static final int FLEET_SECONDS = 6;
  private static final int SKEW_TICKS = 30;
  // lockAtLeastFor (700 ms) rules out duplicates only while it exceeds the largest clock difference between replicas,
  // 500 ms here; with -0.4s/+0.4s (800 ms apart) the first tick runs twice before the schedule settles.
  private static final String[] SKEW_OFFSETS = {"-0.25s", "+0s", "+0.25s"};
  private static final long[] SKEW_OFFSET_MILLIS = {-250, 0, 250};
  private static final String LOST_ERROR = "[distlock] ERROR lock ";
  private static final String EXPIRED_WARNING = "had expired or been taken over";

  // ---- 1. Redis killed ----------------------------------------------------------------------------------------

  @ParameterizedTest(name = "failMode={0}")
  @ValueSource(strings = {"open", "closed"})
  void redisKilledMidRunNeitherBlocksNorStopsTheSchedulerAndLeavesNoOrphan(String failMode) {
    try (RunningJvm app = scheduledApp(failMode)) {
      awaitTicks(app, "3 locked ticks", tick -> tick.outcome().equals("locked"), 3);

      redis.stop();
      long stoppedAt = System.currentTimeMillis();
      awaitTicks(app, OUTAGE_TICKS + " ticks while Redis is down", tick -> tick.startedAt() >= stoppedAt,
          OUTAGE_TICKS);
      long restartRequestedAt = System.currentTimeMillis();
      redis.start();
      long restartedAt = System.currentTimeMillis();
      Tick resumed = awaitTick(app, "a locked tick after the restart",
          tick -> tick.startedAt() >= restartedAt && tick.outcome().equals("locked"), Duration.ofSeconds(45));

      String futureDone = schedulerStatus(app);
      int statusTick = ticks(app).size();
      awaitTicks(app, "2 more ticks after the status check", tick -> tick.n() > statusTick, 2);
      exit(app);

      List<Tick> ticks = ticks(app);
      String expected = failMode.equals("open") ? "unlocked" : "skipped";
      // Only calls that ended before the restart began: one in flight meanwhile may legitimately lock.
      List<Tick> outage = ticks.stream().filter(tick -> tick.within(stoppedAt, restartRequestedAt)).toList();
      long resumedAfterTicks = ticks.stream()
          .filter(tick -> tick.startedAt() >= restartedAt && tick.n() <= resumed.n()).count();
      long maxBlock = ticks.stream().mapToLong(Tick::elapsedMillis).max().orElse(-1);
      long outageMaxBlock = outage.stream().mapToLong(Tick::elapsedMillis).max().orElse(-1);
      List<String> orphans = lockKeys();
      figure("redis-killed", "failMode", failMode, "calls", ticks.size(), "outage-ms", restartRequestedAt - stoppedAt,
          "outage-calls", outage.size(), "outage-outcomes", outcomes(outage), "maxBlockMs", maxBlock,
          "outage-maxBlockMs", outageMaxBlock, "scheduler-alive", futureDone.equals("false") ? "yes" : "no",
          "resumed-after-ticks", resumedAfterTicks, "resumed-after-ms", resumed.startedAt() - restartedAt,
          "orphan-locks", orphans.size(), "fence-counters", fenceCounters());

      assertTrue(outage.size() >= OUTAGE_TICKS, "ticks during the outage: " + outage.size());
      assertEquals(Map.of(expected, (long) outage.size()), outcomes(outage), "failMode=" + failMode);
      assertTrue(maxBlock < TIMEOUT_MILLIS + MARGIN_MILLIS, "longest call " + maxBlock + " ms");
      assertEquals("false", futureDone, "the periodic task must still be scheduled");
      assertTrue(resumedAfterTicks <= MAX_TICKS_TO_RESUME,
          "locking resumed only at tick " + resumedAfterTicks + " after the restart ("
              + (resumed.startedAt() - restartedAt) + " ms)");
      assertEquals(List.of(), orphans, "lock keys left behind");
    }
  }

  // ---- 2. Redis hung ------------------------------------------------------------------------------------------

  @Test
  void redisHungBySigstopCostsEachCallAtMostTheTimeout() {
    try (RunningJvm app = scheduledApp("open")) {
      awaitTicks(app, "3 locked ticks", tick -> tick.outcome().equals("locked"), 3);

      redis.pause();
      long pausedAt = System.currentTimeMillis();
      awaitTicks(app, HUNG_TICKS + " ticks while Redis is frozen", tick -> tick.startedAt() >= pausedAt, HUNG_TICKS);
      long resumeRequestedAt = System.currentTimeMillis();
      redis.resume();
      long resumedAt = System.currentTimeMillis();
      Tick resumed = awaitTick(app, "a locked tick after SIGCONT",
          tick -> tick.startedAt() >= resumedAt && tick.outcome().equals("locked"), STEP);
      String futureDone = schedulerStatus(app);
      exit(app);

      List<Tick> ticks = ticks(app);
      // Only calls that ended before SIGCONT was sent: one still waiting for its reply then may lock.
      List<Tick> hung = ticks.stream().filter(tick -> tick.within(pausedAt, resumeRequestedAt)).toList();
      long maxBlock = ticks.stream().mapToLong(Tick::elapsedMillis).max().orElse(-1);
      long resumedAfterTicks = ticks.stream()
          .filter(tick -> tick.startedAt() >= resumedAt && tick.n() <= resumed.n()).count();
      List<String> orphans = lockKeys();
      figure("redis-paused", "calls", ticks.size(), "hung-calls", hung.size(), "hung-outcomes", outcomes(hung),
          "maxBlockMs", maxBlock, "timeoutMs", TIMEOUT_MILLIS, "scheduler-alive",
          futureDone.equals("false") ? "yes" : "no", "resumed-after-ticks", resumedAfterTicks, "orphan-locks",
          orphans.size(), "fence-counters", fenceCounters());

      assertTrue(hung.size() >= HUNG_TICKS, "ticks while frozen: " + hung.size());
      assertEquals(Map.of("unlocked", (long) hung.size()), outcomes(hung), "failMode=open runs without the lock");
      assertTrue(maxBlock < TIMEOUT_MILLIS + MARGIN_MILLIS, "longest call " + maxBlock + " ms");
      assertEquals("false", futureDone, "the periodic task must still be scheduled");
      assertTrue(resumedAfterTicks <= MAX_TICKS_TO_RESUME, "locking resumed at tick " + resumedAfterTicks);
      assertEquals(List.of(), orphans, "lock keys left behind by SETs that ran after SIGCONT");
    }
  }

  // ---- 3. Holder killed ---------------------------------------------------------------------------------------

  @Test
  void aHolderKilledWithSigkillIsTakenOverOnlyOnceItsTtlExpires() {
    String key = PREFIX + "takeover";
    List<RunningJvm> replicas = new ArrayList<>();
    try (RespClient client = redis.client()) {
      RunningJvm holder = start(replicas, ForkedJvm.main(TakeoverApp.class).name("holder").args("holder"), "");
      RunningJvm waiter = start(replicas, ForkedJvm.main(TakeoverApp.class).name("waiter").args("waiter"), "");
      holder.awaitLine("^READY$", STARTUP);
      waiter.awaitLine("^READY$", STARTUP);

      holder.writeLine("go");
      long heldAt = epoch(holder.awaitLine("^HOLDING ", STEP));
      String owner = client.get(key);
      long beforePttl = System.currentTimeMillis();
      long pttl = client.pttl(key);
      // Redis measured the rest of the ttl no earlier than beforePttl, so the key cannot expire before this.
      long expiresNoEarlierThan = beforePttl + pttl;
      waiter.writeLine("go");
      holder.kill();
      long killedAt = System.currentTimeMillis();

      String takeover = waiter.awaitLine("^TAKEOVER ", Duration.ofMillis(TakeoverApp.TTL_MILLIS + 10_000));
      long takenAt = epoch(takeover);
      int skips = Integer.parseInt(takeover.substring(takeover.indexOf("skips=") + "skips=".length()));
      assertEquals(0, waiter.awaitExit(STEP), waiter.output());

      long afterHeld = takenAt - heldAt;
      long afterExpiry = takenAt - expiresNoEarlierThan;
      figure("holder-killed", "ttlMs", TakeoverApp.TTL_MILLIS, "pttl-when-held", pttl, "killed-after-ms",
          killedAt - heldAt, "takeover-after-ms", afterHeld, "takeover-after-expiry-ms", afterExpiry,
          "waiter-skips", skips);

      assertTrue(owner != null && owner.contains(":" + holder.pid() + ":"), "lock value while held: " + owner);
      assertTrue(pttl > 0 && pttl <= TakeoverApp.TTL_MILLIS, "pttl " + pttl);
      // Millisecond truncation of the two clocks is the only slack.
      assertTrue(afterExpiry >= -2, "taken over " + -afterExpiry + " ms before the key could have expired");
      assertTrue(afterHeld <= TakeoverApp.TTL_MILLIS + 2000, "taken over " + afterHeld + " ms after acquisition");
      assertTrue(skips > 0, "the waiter tried while the lock was held");
    } finally {
      replicas.forEach(RunningJvm::close);
    }
  }

  // ---- 4. Jobs longer than their ttl --------------------------------------------------------------------------

  @Test
  void keepAliveKeepsALongJobExclusiveAndWithoutItReplicasOverlap() {
    String aliveKey = PREFIX + "long:alive";
    String plainKey = PREFIX + "long:plain";
    List<RunningJvm> replicas = new ArrayList<>();
    List<JmxLocks> jmx = new ArrayList<>();
    try (RespClient client = redis.client()) {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ports.add(JmxLocks.freePort());
        start(replicas, JmxLocks.enable(ForkedJvm.main(KeepAliveApp.class).name("long-" + i)
            .args("fleet", redis.host(), Integer.toString(redis.port()), Integer.toString(FLEET_SECONDS)),
            ports.get(i)), "");
      }
      for (int i = 0; i < replicas.size(); i++) {
        replicas.get(i).awaitLine("^READY$", STARTUP);
        jmx.add(JmxLocks.connect(ports.get(i), STARTUP));
      }
      replicas.forEach(replica -> replica.writeLine("go"));
      for (RunningJvm replica : replicas) {
        replica.awaitLine("^DONE$", Duration.ofSeconds(FLEET_SECONDS + 30));
      }
      // The release that finds the lock taken over is checked off the caller's thread, so it may land a bit later.
      Await.until("the plain job's lost locks to be counted", STEP, () -> sum(jmx, plainKey, "lost") > 0);
      long aliveRenewed = sum(jmx, aliveKey, "renewed");
      long aliveLost = sum(jmx, aliveKey, "lost");
      long aliveAcquired = sum(jmx, aliveKey, "acquired");
      long plainLost = sum(jmx, plainKey, "lost");
      long plainAcquired = sum(jmx, plainKey, "acquired");
      long totalRenewed = jmx.stream().mapToLong(locks -> locks.total().get("renewed")).sum();
      for (RunningJvm replica : replicas) {
        replica.writeLine("exit");
        assertEquals(0, replica.awaitExit(STEP), replica.output());
      }
      long plainWarnings = replicas.stream().flatMap(replica -> replica.stderrLines().stream())
          .filter(line -> line.contains("lock " + plainKey + " " + EXPIRED_WARNING)).count();
      long aliveOverlaps = counter(client, "count:alive:overlaps");
      long plainOverlaps = counter(client, "count:plain:overlaps");
      figure("keepalive", "replicas", replicas.size(), "ttlMs", 1000, "bodyMs", 2500,
          "runs", counter(client, "count:alive:runs"), "overlaps", aliveOverlaps, "acquired", aliveAcquired,
          "renewed", aliveRenewed, "lost", aliveLost, "total-renewed", totalRenewed);
      figure("keepalive-control", "replicas", replicas.size(), "ttlMs", 1000, "bodyMs", 2500,
          "runs", counter(client, "count:plain:runs"), "overlaps", plainOverlaps, "acquired", plainAcquired,
          "lost", plainLost, "expired-warnings", plainWarnings);

      assertTrue(aliveAcquired > 0, "the keepAlive job ran");
      assertEquals(0, aliveOverlaps, "keepAlive bodies that overlapped another replica's");
      assertTrue(aliveRenewed > 0, "renewals counted over JMX");
      assertEquals(0, aliveLost, "keepAlive locks lost");
      assertTrue(plainOverlaps > 0, "the control must overlap, or the keepAlive result proves nothing");
      assertTrue(plainLost > 0, "the control's expired locks counted as lost over JMX");
      assertTrue(plainWarnings > 0, "the control's expired locks logged");
    } finally {
      jmx.forEach(JmxLocks::close);
      replicas.forEach(RunningJvm::close);
    }
  }

  // ---- 5. Lock deleted behind a keepAlive body ----------------------------------------------------------------

  @Test
  void aLockDeletedBehindARunningKeepAliveBodyIsCountedAndLoggedAsLost() {
    String key = PREFIX + "long:held";
    int port = JmxLocks.freePort();
    try (RespClient client = redis.client();
        RunningJvm app = JmxLocks.enable(ForkedJvm.main(KeepAliveApp.class).name("held")
            .args("hold", redis.host(), Integer.toString(redis.port())), port)
            .withAgent(agentArgs("")).start();
        JmxLocks jmx = connectAfterReady(app, port)) {
      app.writeLine("go");
      app.awaitLine("^HOLDING$", STEP);
      // Deleted only once renewal is seen working, so that what follows is the deletion's doing.
      Await.until("a first renewal", STEP, () -> jmx.key(key).getOrDefault("renewed", 0L) > 0);
      long renewedBefore = jmx.key(key).get("renewed");
      long deletedAt = System.currentTimeMillis();
      long deleted = client.del(key);
      String error = app.awaitLine("^" + Pattern.quote(LOST_ERROR + key + " lost while "), STEP);
      long detectedAfter = System.currentTimeMillis() - deletedAt;
      Await.until("the loss to be counted", STEP, () -> jmx.key(key).get("lost") > 0);
      Map<String, Long> stats = jmx.key(key);
      app.writeLine("go");
      app.awaitLine("^RESULT heldReturned=true$", STEP);
      assertEquals(0, app.awaitExit(STEP), app.output());
      long errors = app.stderrLines().stream().filter(line -> line.startsWith(LOST_ERROR + key + " lost")).count();
      long warnings = app.stderrLines().stream().filter(line -> line.contains(EXPIRED_WARNING)).count();
      figure("lock-deleted", "ttlMs", 1000, "renewed-before", renewedBefore, "lost", stats.get("lost"),
          "detected-within-ms", detectedAfter, "error-lines", errors, "expired-warnings", warnings);

      assertEquals(1, deleted, "the lock existed while the body ran");
      assertTrue(error.contains("another replica may run it concurrently"), error);
      assertEquals(1, stats.get("lost"), "lost over JMX");
      assertEquals(1, errors, "one error line");
      assertEquals(0, warnings, "the loss is reported once, not again at release");
      assertFalse(client.exists(key), "the lost lock was not recreated");
    }
  }

  // ---- 6. Clock skew ------------------------------------------------------------------------------------------

  @Test
  void lockAtLeastForStopsReplicasWithSkewedClocksFromRunningATickTwice() {
    Path faketime = faketime();
    List<RunningJvm> replicas = new ArrayList<>();
    try (RespClient client = redis.client()) {
      for (int i = 0; i < SKEW_OFFSETS.length; i++) {
        start(replicas, ForkedJvm.main(ClockSkewApp.class).name("clock" + SKEW_OFFSETS[i])
            .wrapper(faketime.toString(), "-f", SKEW_OFFSETS[i])
            // Only the wall clock is shifted: timeouts, ttl bookkeeping and scheduling run on the monotonic one.
            .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
            .env("FAKETIME_FORCE_MONOTONIC_FIX", "0")
            .env("NO_FAKE_STAT", "1")
            .args(redis.host(), Integer.toString(redis.port()), "r" + i), "");
      }
      List<Long> offsets = new ArrayList<>();
      for (int i = 0; i < replicas.size(); i++) {
        RunningJvm replica = replicas.get(i);
        replica.awaitLine("^READY$", STARTUP);
        long before = System.currentTimeMillis();
        replica.writeLine("clock");
        long clock = Long.parseLong(value(replica.awaitLine("^RESULT clock=", STEP)));
        long after = System.currentTimeMillis();
        long offset = clock - (before + after) / 2;
        offsets.add(offset);
        assertTrue(Math.abs(offset - SKEW_OFFSET_MILLIS[i]) <= 100 + (after - before) / 2,
            replica.name() + " should be " + SKEW_OFFSET_MILLIS[i] + " ms off, measured " + offset
                + " ms (read in " + (after - before) + " ms)");
      }
      long firstTick = System.currentTimeMillis() / 1000 + 2;
      replicas.forEach(replica -> replica.writeLine("go " + firstTick + " " + SKEW_TICKS));
      for (RunningJvm replica : replicas) {
        replica.awaitLine("^DONE$", Duration.ofSeconds(SKEW_TICKS + 30));
        assertEquals(0, replica.awaitExit(STEP), replica.output());
      }
      Map<Long, List<String>> guarded = runsByTick(client, "runs:guarded");
      Map<Long, List<String>> control = runsByTick(client, "runs:control");
      figure("clock-skew", "offsetsMs", offsets.stream().map(String::valueOf).collect(Collectors.joining(",")),
          "ticks", SKEW_TICKS, "lockAtLeastForMs", 700, "ticks-run", guarded.size(), "runs", runs(guarded),
          "duplicates", duplicates(guarded), "runs-by-replica", byReplica(guarded));
      figure("clock-skew-control", "offsetsMs",
          offsets.stream().map(String::valueOf).collect(Collectors.joining(",")), "ticks", SKEW_TICKS,
          "lockAtLeastForMs", 0, "ticks-run", control.size(), "runs", runs(control), "duplicates",
          duplicates(control), "runs-by-replica", byReplica(control));

      assertEquals(0, duplicates(guarded), "ticks run by more than one replica: " + guarded);
      assertEquals(SKEW_TICKS, guarded.size(), "every tick ran once: " + guarded);
      assertTrue(guarded.keySet().stream().allMatch(tick -> tick >= firstTick && tick < firstTick + SKEW_TICKS),
          guarded.toString());
      assertTrue(duplicates(control) > 0, "without lockAtLeastFor the skew must cause duplicates: " + control);
    } finally {
      replicas.forEach(RunningJvm::close);
    }
  }

  // ---- 7. The app's own libraries -----------------------------------------------------------------------------

  @Test
  void anAppWithItsOwnLettuceNettySnakeYamlAndByteBuddyKeepsThemAndIsLocked() {
    List<Path> jars = appLibs();
    try (RespClient client = redis.client();
        RunningJvm app = ForkedJvm.main(OwnLibrariesApp.class).name("own-libs")
            .classpath(jars.toArray(new Path[0]))
            .args(redis.host(), Integer.toString(redis.port()))
            .withAgent(agentArgs("")).start()) {
      int exitCode = app.awaitExit(STARTUP);
      Map<String, String> results = app.results();
      String agentProblem = app.stderrLines().stream().filter(line -> line.startsWith("[distlock] WARN"))
          .findFirst().map(line -> line.replaceAll(".*: (\\w+Exception).*", "$1")).orElse("none");
      figure("own-libraries", "lettuce", results.get("lettuce.version"), "netty", results.get("netty.version"),
          "snakeyaml", results.get("snakeyaml.version"), "bytebuddy", results.get("bytebuddy.version"),
          "app-redis", "written by the app's Lettuce".equals(results.get("lettuce.get")) ? "ok" : "failed",
          "agent-connected", results.get("agent.connected"), "agent-warning", agentProblem, "locked",
          results.getOrDefault("locked", "no").startsWith("assertLocked passed") ? "yes" : "no");

      assertEquals(0, exitCode, app.output());
      assertEquals("true", results.get("agent.connected"), "the agent's own Lettuce connected:\n" + app.output());
      assertEquals("written by the app's Lettuce", results.get("lettuce.get"));
      assertEquals("written by the app's Lettuce", client.get("app:own-lettuce"));
      assertTrue(results.get("lettuce.version").startsWith("6.3.2.RELEASE"), results.get("lettuce.version"));
      assertEquals("lettuce-core-6.3.2.RELEASE.jar", results.get("lettuce.jar"));
      assertEquals("4.1.107.Final", results.get("netty.version"));
      assertEquals("netty-common-4.1.107.Final.jar", results.get("netty.jar"));
      assertEquals("{name=distlock, items=[1, 2]}", results.get("snakeyaml.parsed"));
      assertEquals("1.33.0", results.get("snakeyaml.version"));
      assertEquals("snakeyaml-1.33.jar", results.get("snakeyaml.jar"));
      assertEquals("made by the app's Byte Buddy", results.get("bytebuddy.toString"));
      assertEquals("1.14.18", results.get("bytebuddy.version"));
      assertEquals("byte-buddy-1.14.18.jar", results.get("bytebuddy.jar"));
      assertEquals("assertLocked passed, fencing token 1", results.get("locked"));
      assertEquals("1", client.get(PREFIX + "{" + PREFIX + "isolation}:fence"), "the agent's acquire reached Redis");
      assertFalse(app.output().contains("[distlock] ERROR"), app.output());
    }
  }

  // ---- Fencing tokens -----------------------------------------------------------------------------------------

  @Test
  void fencingTokensGrowAcrossCallsAndReplicasAndOutsideALockThereIsNone() {
    List<RunningJvm> replicas = new ArrayList<>();
    try (RespClient client = redis.client()) {
      RunningJvm first = start(replicas, ForkedJvm.main(FencingApp.class).name("fencing-a").args("2"), "");
      RunningJvm second = start(replicas, ForkedJvm.main(FencingApp.class).name("fencing-b").args("1"), "");
      first.awaitLine("^READY$", STARTUP);
      second.awaitLine("^READY$", STARTUP);
      first.writeLine("go");
      assertEquals(0, first.awaitExit(STEP), first.output());
      second.writeLine("go");
      assertEquals(0, second.awaitExit(STEP), second.output());
      long a1 = Long.parseLong(first.results().get("token.1"));
      long a2 = Long.parseLong(first.results().get("token.2"));
      long b1 = Long.parseLong(second.results().get("token.1"));
      String outside = first.results().get("outside");
      String counter = client.get(PREFIX + "{" + PREFIX + "fence}:fence");
      figure("fencing", "tokens", a1 + "," + a2 + "," + b1, "counter", counter, "outside",
          outside.substring(0, outside.indexOf(':')));

      assertTrue(0 < a1 && a1 < a2 && a2 < b1, "strictly increasing: " + a1 + ", " + a2 + ", " + b1);
      assertEquals(Long.toString(b1), client.get(PREFIX + "{" + PREFIX + "fence}:fence"));
      assertEquals("IllegalStateException: the current thread holds no distlock lock", outside);
      assertEquals(outside, second.results().get("outside"));
    } finally {
      replicas.forEach(RunningJvm::close);
    }
  }

  // ---- Helpers ------------------------------------------------------------------------------------------------

  private static RunningJvm scheduledApp(String failMode) {
    RunningJvm app = ForkedJvm.main(ScheduledJobApp.class).name("scheduled-" + failMode)
        .args(Long.toString(PERIOD_MILLIS))
        .withAgent(agentArgs("timeout=" + TIMEOUT_MILLIS + "ms,failMode=" + failMode))
        .start();
    app.awaitLine("^READY$", STARTUP);
    return app;
  }

  /** The agent's arguments: always the test's server, never the machine's default Redis. */
  private static String agentArgs(String extra) {
    return "redis.url=" + redis.url() + ",keyPrefix=" + PREFIX + (extra.isEmpty() ? "" : "," + extra);
  }

  private static RunningJvm start(List<RunningJvm> started, ForkedJvm jvm, String extraAgentArgs) {
    RunningJvm running = jvm.withAgent(agentArgs(extraAgentArgs)).start();
    started.add(running);
    return running;
  }

  private static JmxLocks connectAfterReady(RunningJvm app, int port) {
    app.awaitLine("^READY$", STARTUP);
    return JmxLocks.connect(port, STARTUP);
  }

  private static List<Tick> ticks(RunningJvm app) {
    return ScheduledTicks.of(app);
  }

  private static Tick awaitTick(RunningJvm app, String what, Predicate<Tick> condition, Duration timeout) {
    return ScheduledTicks.await(app, what, condition, timeout);
  }

  private static void awaitTicks(RunningJvm app, String what, Predicate<Tick> condition, int count) {
    ScheduledTicks.awaitCount(app, what, condition, count,
        Duration.ofMillis(count * (TIMEOUT_MILLIS + MARGIN_MILLIS)).plus(STEP));
  }

  private static Map<String, Long> outcomes(List<Tick> ticks) {
    return ScheduledTicks.outcomes(ticks);
  }

  private static String schedulerStatus(RunningJvm app) {
    app.writeLine("status");
    return value(app.awaitLine("^RESULT futureDone=", STEP));
  }

  private static void exit(RunningJvm app) {
    app.writeLine("exit");
    assertEquals(0, app.awaitExit(STEP), app.output());
    assertEquals("true", app.results().get("terminated"), "the scheduler finished its last tick");
  }

  /** The lock keys in Redis: everything under the prefix but the fencing counters. */
  private static List<String> lockKeys() {
    try (RespClient client = redis.client()) {
      return client.lockKeys(PREFIX + "*");
    }
  }

  /** The {@code <prefix>{<lock key>}:fence} counters, which outlive their locks by design. */
  private static int fenceCounters() {
    try (RespClient client = redis.client()) {
      return client.keys(PREFIX + "{" + PREFIX + "*}:fence").size();
    }
  }

  private static long epoch(String line) {
    return Long.parseLong(line.split(" ")[1]);
  }

  private static String value(String resultLine) {
    return resultLine.substring(resultLine.indexOf('=') + 1);
  }

  private static long sum(List<JmxLocks> jmx, String key, String counter) {
    return jmx.stream().mapToLong(locks -> locks.key(key).getOrDefault(counter, 0L)).sum();
  }

  private static long counter(RespClient client, String key) {
    String value = client.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }

  private static Map<Long, List<String>> runsByTick(RespClient client, String list) {
    Map<Long, List<String>> runs = new TreeMap<>();
    for (Object entry : (List<?>) client.command("LRANGE", list, "0", "-1")) {
      String[] parts = ((String) entry).split(":");
      runs.computeIfAbsent(Long.parseLong(parts[0]), tick -> new ArrayList<>()).add(parts[1]);
    }
    return runs;
  }

  private static long runs(Map<Long, List<String>> byTick) {
    return byTick.values().stream().mapToLong(List::size).sum();
  }

  private static long duplicates(Map<Long, List<String>> byTick) {
    return byTick.values().stream().filter(replicas -> replicas.size() > 1).count();
  }

  private static Map<String, Long> byReplica(Map<Long, List<String>> byTick) {
    return byTick.values().stream().flatMap(List::stream)
        .collect(Collectors.groupingBy(replica -> replica, TreeMap::new, Collectors.counting()));
  }

  /** Debian's faketime; skips the scenario where it is missing, except on CI, where that is a broken build. */
  private static Path faketime() {
    Optional<Path> found = Stream.concat(
            Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":")), Stream.of("/usr/bin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Paths.get(dir, "faketime"))
        .filter(Files::isExecutable)
        .findFirst();
    String missing = "faketime is not installed (apt-get install faketime); .ci/run installs it";
    if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(missing);
    }
    Assumptions.assumeTrue(found.isPresent(), missing);
    return found.get();
  }

  /** The jars that {@code agent/pom.xml} copies for {@link OwnLibrariesApp}. */
  private static List<Path> appLibs() {
    Path dir = Paths.get(System.getProperty("distlock.it.appLibs", "target/app-libs"));
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
      assertFalse(jars.isEmpty(), "no jars in " + dir);
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + "; run the tests through mvn verify", e);
    }
  }

  private static void figure(String name, Object... keyValues) {
    StringBuilder line = new StringBuilder("FAULT ").append(name).append(':');
    for (int i = 0; i < keyValues.length; i += 2) {
      line.append(' ').append(keyValues[i]).append('=').append(String.valueOf(keyValues[i + 1]).replace(" ", ""));
    }
    System.out.println(line);
  }
}
