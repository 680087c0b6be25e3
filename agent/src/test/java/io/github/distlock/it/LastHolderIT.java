package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.OutageFleetApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code failMode=lastHolder} in a fleet whose Redis goes away: only the replica that held the lock last runs the
 * job, once per tick, while Redis is killed or hung; a replica started during the outage does not run; locking
 * resumes when Redis is back; and a run that began in the outage is not joined by a second one of the same JVM.
 */
class LastHolderIT {

  private static final long PERIOD_MILLIS = 300;
  private static final long RUN_MILLIS = 40;
  private static final Duration OUTAGE = Duration.ofSeconds(3);
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final String PREFIX = "lh:";
  private static final String AGENT = "keyPrefix=" + PREFIX + ",timeout=150ms,connectTimeout=1s";

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @TempDir Path dir;

  private final List<RunningJvm> fleet = new ArrayList<>();

  @AfterEach
  void stopFleet() {
    fleet.forEach(RunningJvm::close);
  }

  @Test
  void whileRedisIsKilledOnlyTheLastHolderRunsOncePerTick() {
    // The annotation asks for lastHolder; the agent's own failMode is the default, open.
    startFleet(3, "annotated", AGENT);
    RunningJvm holder = awaitLockedRunThen(redis::stop);
    long outageStart = System.currentTimeMillis();
    await(OUTAGE);
    long outageEnd = System.currentTimeMillis();
    redis.start();
    long restartedAt = System.currentTimeMillis();
    awaitLockedRunsAfter(restartedAt, 10);

    assertOnlyTheHolderRanUnlocked(holder, outageStart, outageEnd);
    assertOneLockedRunPerTickAfter(restartedAt + 1_000);
    assertNoBodiesOverlap();
    assertTrue(holder.stderrLines().stream().anyMatch(line -> line.contains("WARN Redis unavailable")
        && line.contains("OutageFleetApp#annotated (lastHolder)")), holder.output());
    assertOutageCounters(holder, outageStart, outageEnd);
  }

  @Test
  void whileRedisIsHungOnlyTheLastHolderRunsOncePerTick() {
    startFleet(3, "configured", AGENT + ",failMode=lastHolder");
    RunningJvm holder = awaitLockedRunThen(redis::pause);
    long outageStart = System.currentTimeMillis();
    await(OUTAGE);
    long outageEnd = System.currentTimeMillis();
    redis.resume();
    long resumedAt = System.currentTimeMillis();
    awaitLockedRunsAfter(resumedAt, 10);

    assertOnlyTheHolderRanUnlocked(holder, outageStart, outageEnd);
    assertOneLockedRunPerTickAfter(resumedAt + 1_000);
    assertNoBodiesOverlap();
    assertTrue(holder.stderrLines().stream().anyMatch(line -> line.contains("WARN Redis unavailable")
        && line.contains("failMode=lastHolder: a locked method runs")), holder.output());
  }

  @Test
  void aReplicaRestartedDuringTheOutageDoesNotRunItAndNeitherDoOthers() throws IOException {
    // No annotation: a lock rule with its own failMode, beside a configured closed.
    Path config = dir.resolve("distlock.yml");
    Files.write(config, List.of("locks:", "  - method: " + OutageFleetApp.class.getName() + "#rule",
        "    key: " + OutageFleetApp.KEY, "    ttl: 5s", "    lockAtLeastFor: 250ms", "    failMode: lastHolder"));
    String agent = AGENT + ",failMode=closed,config=" + config;
    startFleet(3, "rule", agent);
    RunningJvm holder = awaitLockedRunThen(redis::stop);
    long outageStart = System.currentTimeMillis();
    Await.until("the holder to run through the outage", STEP, () -> bodies(holder).stream()
        .filter(body -> body.start() > outageStart && !body.locked()).count() >= 3);

    holder.kill();
    long killedAt = System.currentTimeMillis();
    RunningJvm restarted = start("restarted", "rule", agent);
    Await.until("the restarted replica's ticks", STEP, () -> ticks(restarted).size() >= 8);
    long outageEnd = System.currentTimeMillis();
    redis.start();
    awaitLockedRunsAfter(System.currentTimeMillis(), 10);

    for (RunningJvm replica : fleet) {
      List<Body> ran = bodies(replica).stream().filter(body -> body.start() > killedAt && body.start() < outageEnd)
          .toList();
      assertEquals(List.of(), ran, replica.name() + " ran after the holder was killed, Redis still down");
    }
    assertTrue(ticks(restarted).stream().anyMatch(tick -> tick.endsWith(" skipped")), restarted.output());
    assertNoBodiesOverlap();
  }

  @Test
  void aRunThatBeganInTheOutageIsNotJoinedByTheSameJvmsNextTickWhenRedisReturns() {
    RunningJvm replica = startFleet(1, "annotated", AGENT).get(0);
    awaitLockedRunThen(redis::stop);
    long outageStart = System.currentTimeMillis();
    Await.until("runs in the outage", STEP, () -> bodies(replica).stream()
        .filter(body -> body.start() > outageStart && !body.locked()).count() >= 2);
    replica.writeLine("long 3000");
    replica.awaitLine("^LONG-START .*", STEP);
    redis.start();
    // Within the long run, the lock is taken for it once Redis answers: nobody else can start the job beside it.
    try (RespClient client = redis.client()) {
      String token = Await.value("the running call to take its lock", STEP, () -> client.get(PREFIX
          + OutageFleetApp.KEY));
      assertTrue(token.contains(":" + replica.pid() + ":"), token);
    }
    long longEnd = Await.value("the long run to end", STEP, () -> bodies(replica).stream()
        .filter(body -> body.end() - body.start() >= 3000).map(Body::end).findFirst().orElse(null));
    awaitLockedRunsAfter(longEnd, 3);

    assertNoBodiesOverlap();
    assertTrue(replica.stderrLines().stream().anyMatch(line -> line.contains("still runs: it now holds " + PREFIX
        + OutageFleetApp.KEY)), replica.output());
  }

  private List<RunningJvm> startFleet(int replicas, String job, String agentArgs) {
    for (int i = 0; i < replicas; i++) {
      start("replica-" + i, job, agentArgs);
    }
    // Each replica's calls must have been answered twice, or none of them knows its pace.
    Await.until("every replica to tick", STEP, () -> fleet.stream().allMatch(jvm -> ticks(jvm).size() >= 4));
    return fleet;
  }

  private RunningJvm start(String name, String job, String agentArgs) {
    RunningJvm jvm = ForkedJvm.main(OutageFleetApp.class).name(name)
        .args(Long.toString(PERIOD_MILLIS), Long.toString(RUN_MILLIS), job)
        .withAgent(agentArgs + ",redis.url=" + redis.url()).start();
    fleet.add(jvm);
    return jvm;
  }

  /**
   * Waits for a locked run to end, then runs {@code outage} at once: within that run's {@code lockAtLeastFor}, so
   * that no other replica can have taken the lock since. Returns the replica that ran it.
   */
  private RunningJvm awaitLockedRunThen(Runnable outage) {
    long from = System.currentTimeMillis();
    RunningJvm holder = Await.value("a locked run", STEP, () -> fleet.stream()
        .filter(jvm -> bodies(jvm).stream().anyMatch(body -> body.locked() && body.start() >= from))
        .findFirst().orElse(null));
    outage.run();
    return holder;
  }

  private void awaitLockedRunsAfter(long from, int count) {
    Await.until(count + " locked runs after " + from, STEP, () -> fleet.stream()
        .flatMap(jvm -> bodies(jvm).stream()).filter(body -> body.locked() && body.start() >= from).count() >= count);
  }

  private void assertOnlyTheHolderRanUnlocked(RunningJvm holder, long outageStart, long outageEnd) {
    Predicate<Body> inOutage = body -> body.start() > outageStart && body.end() < outageEnd;
    for (RunningJvm replica : fleet) {
      List<Body> ran = bodies(replica).stream().filter(inOutage).toList();
      if (replica != holder) {
        assertEquals(List.of(), ran, replica.name() + " is not the last holder, yet ran in the outage");
        continue;
      }
      long ticks = (outageEnd - outageStart) / PERIOD_MILLIS;
      assertTrue(ran.stream().noneMatch(Body::locked), ran.toString());
      assertTrue(ran.size() >= ticks - 2 && ran.size() <= ticks + 1,
          "the holder ran " + ran.size() + " times in " + ticks + " ticks of the outage: " + ran);
      figure("runs in the outage", replica.name(), ran.size(), "ticks", ticks);
    }
  }

  private void assertOneLockedRunPerTickAfter(long from) {
    List<Body> after = fleet.stream().flatMap(jvm -> bodies(jvm).stream()).filter(body -> body.start() >= from)
        .sorted(Comparator.comparingLong(Body::start)).toList();
    assertTrue(after.stream().allMatch(Body::locked), after.toString());
    long span = after.get(after.size() - 1).start() - after.get(0).start();
    long ticks = span / PERIOD_MILLIS + 1;
    assertTrue(after.size() >= ticks - 1 && after.size() <= ticks + 1,
        after.size() + " locked runs in " + ticks + " ticks after the outage: " + after);
  }

  private void assertNoBodiesOverlap() {
    List<Body> all = fleet.stream().flatMap(jvm -> bodies(jvm).stream())
        .sorted(Comparator.comparingLong(Body::start)).toList();
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i).start() >= all.get(i - 1).end(), "overlapping runs: " + all.get(i - 1) + " and "
          + all.get(i));
    }
  }

  private void assertOutageCounters(RunningJvm holder, long outageStart, long outageEnd) {
    for (RunningJvm replica : fleet) {
      replica.writeLine("metrics");
      Map<String, String> results = Await.value("metrics of " + replica.name(), STEP,
          () -> replica.results().containsKey("failedLastHolder") ? replica.results() : null);
      long unlocked = bodies(replica).stream().filter(body -> !body.locked()).count();
      assertEquals(Long.toString(unlocked), results.get("failedLastHolder"), replica.name() + " " + results);
      assertEquals("0", results.get("failedOpen"), replica.name() + " " + results);
      if (replica != holder) {
        assertTrue(Long.parseLong(results.get("failedClosed")) > 0, replica.name() + " " + results);
      }
    }
  }

  private static List<String> ticks(RunningJvm jvm) {
    return jvm.stdoutLines().stream().filter(line -> line.startsWith("TICK ")).toList();
  }

  private static List<Body> bodies(RunningJvm jvm) {
    return jvm.stdoutLines().stream().filter(line -> line.startsWith("BODY ")).map(line -> Body.parse(jvm, line))
        .collect(Collectors.toList());
  }

  private static void await(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    Await.until("the outage to last " + duration, duration.plusSeconds(5), () -> System.nanoTime() >= end);
  }

  private static void figure(String what, Object... values) {
    StringBuilder line = new StringBuilder("LAST-HOLDER ").append(what);
    for (Object value : values) {
      line.append(' ').append(value);
    }
    System.out.println(line);
  }

  /** One run of the job's body in one replica. */
  private record Body(String replica, long start, long end, boolean locked) {

    static Body parse(RunningJvm jvm, String line) {
      String[] words = line.split(" ");
      return new Body(jvm.name(), Long.parseLong(words[1]), Long.parseLong(words[2]), words[3].equals("locked"));
    }
  }
}
