package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.SoakReplicaApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fail-mode soak: the same seeded faults played against a 4-replica fleet once per fail mode, and what each
 * mode made of them: runs without a lock, two bodies at once, ticks with no run. Not part of the build's test
 * suite (its name does not end in IT); {@code agent/soak.sh} runs it. System properties: {@code soak.seconds} of
 * faults per mode (90), {@code soak.seed} (1), {@code soak.modes} (open,closed,lastHolder).
 *
 * <p>Faults, one at a time, 2 to 5 s apart: a replica killed with SIGKILL and started again 1 to 3 s later; a
 * replica stopped with SIGSTOP for longer than the lock's ttl; the lock Redis killed and restarted 1 to 4 s later
 * (append-only file, fsync always: its locks survive); the lock Redis stopped with SIGSTOP for 1 to 4 s. The job's
 * store is a second Redis, never faulted, that refuses writes with a fencing token lower than one it has seen.
 */
class FailModeSoak {

  private static final int REPLICAS = 4;
  private static final long PERIOD_MILLIS = 400;
  private static final long RUN_MILLIS = 100;
  private static final long TTL_MILLIS = 2_000;
  private static final Duration STEP = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer locks = RedisServer.persistent();
  @RegisterExtension static final RedisServer store = RedisServer.create();

  @Test
  void soak() {
    int seconds = Integer.getInteger("soak.seconds", 90);
    long seed = Long.getLong("soak.seed", 1);
    List<Fault> faults = faults(new Random(seed), TimeUnit.SECONDS.toMillis(seconds));
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String mode : System.getProperty("soak.modes", "open,closed,lastHolder").split(",")) {
      outcomes.put(mode, run(mode.trim(), faults, seconds));
    }
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "SOAK replicas=%d period=%dms run=%dms ttl=%dms keepAlive=true lockAtLeastFor=300ms faults=%d over %ds"
            + " seed=%d%n", REPLICAS, PERIOD_MILLIS, RUN_MILLIS, TTL_MILLIS, faults.size(), seconds, seed));
    report.append(String.format(Locale.ROOT, "SOAK %-11s %6s %8s %10s %9s %13s %12s %11s%n", "failMode", "runs",
        "locked", "no-lock", "overlaps", "both-written", "fenced-off", "idle-ticks"));
    outcomes.forEach((mode, outcome) -> report.append(String.format(Locale.ROOT,
        "SOAK %-11s %6d %8d %10d %9d %13d %12d %11d%n", mode, outcome.runs, outcome.locked, outcome.unlocked,
        outcome.overlaps, outcome.overlapsBothWritten, outcome.fencedWrites, outcome.idleTicks)));
    outcomes.forEach((mode, outcome) -> report.append(String.format(Locale.ROOT,
        "SOAK %-11s overlaps by the fault they began in (or within 2 s after): %s%n", mode, outcome.overlapCauses)));
    System.out.print(report);
    assertTrue(outcomes.values().stream().allMatch(outcome -> outcome.runs > 0), report.toString());
  }

  private static Outcome run(String mode, List<Fault> faults, int seconds) {
    try (RespClient client = locks.client(); RespClient storeClient = store.client()) {
      client.flushAll();
      storeClient.flushAll();
    }
    List<RunningJvm> all = new ArrayList<>();
    RunningJvm[] fleet = new RunningJvm[REPLICAS];
    Map<RunningJvm, Long> killedAt = new LinkedHashMap<>();
    try {
      for (int i = 0; i < REPLICAS; i++) {
        fleet[i] = start(mode, i, all);
      }
      for (RunningJvm replica : fleet) {
        replica.awaitLine("^READY$", STEP);
      }
      long begin = System.currentTimeMillis();
      for (Fault fault : faults) {
        sleepUntil(begin + fault.atMillis);
        int r = fault.replica;
        switch (fault.kind) {
          case KILL_REPLICA -> {
            fleet[r].kill();
            killedAt.put(fleet[r], System.currentTimeMillis());
            sleep(fault.forMillis);
            fleet[r] = start(mode, r, all);
          }
          case PAUSE_REPLICA -> {
            fleet[r].pause();
            sleep(fault.forMillis);
            fleet[r].resume();
          }
          case KILL_REDIS -> {
            locks.stop();
            sleep(fault.forMillis);
            locks.start();
          }
          case PAUSE_REDIS -> {
            locks.pause();
            sleep(fault.forMillis);
            locks.resume();
          }
        }
      }
      sleepUntil(begin + TimeUnit.SECONDS.toMillis(seconds));
      long end = System.currentTimeMillis();
      for (RunningJvm replica : fleet) {
        replica.writeLine("exit");
      }
      for (RunningJvm replica : fleet) {
        replica.awaitExit(STEP);
      }
      return Outcome.of(all, killedAt, faults, begin, end);
    } finally {
      all.forEach(RunningJvm::close);
      if (!locks.isRunning()) {
        locks.start();
      }
    }
  }

  private static RunningJvm start(String mode, int index, List<RunningJvm> all) {
    RunningJvm jvm = ForkedJvm.main(SoakReplicaApp.class).name(mode + "-" + index)
        .args(store.host(), Integer.toString(store.port()), Long.toString(PERIOD_MILLIS), Long.toString(RUN_MILLIS))
        .withAgent("redis.url=" + locks.url() + ",keyPrefix=soak:,failMode=" + mode + ",timeout=500ms,"
            + "connectTimeout=2s,logLevel=warn")
        .start();
    all.add(jvm);
    return jvm;
  }

  private static List<Fault> faults(Random random, long totalMillis) {
    List<Fault> faults = new ArrayList<>();
    long at = 3_000;
    while (true) {
      at += 2_000 + random.nextInt(3_000);
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      long duration = switch (kind) {
        case KILL_REPLICA -> 1_000 + random.nextInt(2_000);
        case PAUSE_REPLICA -> TTL_MILLIS + 500 + random.nextInt(1_500);
        case KILL_REDIS, PAUSE_REDIS -> 1_000 + random.nextInt(3_000);
      };
      int replica = random.nextInt(REPLICAS);
      if (at + duration > totalMillis - 3_000) {
        return faults;
      }
      faults.add(new Fault(at, kind, replica, duration));
      at += duration;
    }
  }

  private static void sleepUntil(long epochMillis) {
    sleep(epochMillis - System.currentTimeMillis());
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    Await.until("a fault to last " + millis + " ms", Duration.ofMillis(millis + 5_000),
        () -> System.nanoTime() >= end);
  }

  private enum Kind { KILL_REPLICA, PAUSE_REPLICA, KILL_REDIS, PAUSE_REDIS }

  private record Fault(long atMillis, Kind kind, int replica, long forMillis) {}

  /** One body: when it ran, whether it held the lock, and what became of its write (empty when it was killed). */
  private record Body(long start, long end, boolean locked, String written) {}

  /** What one mode made of the faults. */
  private static final class Outcome {
    long runs;
    long locked;
    long unlocked;
    long overlaps;
    long overlapsBothWritten;
    long fencedWrites;
    long idleTicks;
    final Map<String, Integer> overlapCauses = new TreeMap<>();

    static Outcome of(List<RunningJvm> jvms, Map<RunningJvm, Long> killedAt, List<Fault> faults, long begin,
        long end) {
      List<Body> bodies = new ArrayList<>();
      for (RunningJvm jvm : jvms) {
        Long begun = null;
        for (String line : jvm.stdoutLines()) {
          String[] words = line.split(" ");
          if (words[0].equals("BEGIN")) {
            begun = Long.parseLong(words[1]);
          } else if (words[0].equals("BODY")) {
            begun = null;
            bodies.add(new Body(Long.parseLong(words[1]), Long.parseLong(words[2]), words[3].equals("locked"),
                words[4]));
          }
        }
        if (begun != null && killedAt.containsKey(jvm)) {
          // Killed in its body: it ran until the kill, and wrote nothing.
          bodies.add(new Body(begun, killedAt.get(jvm), false, ""));
        }
      }
      bodies.sort(Comparator.comparingLong(Body::start));
      Outcome outcome = new Outcome();
      for (int i = 0; i < bodies.size(); i++) {
        Body body = bodies.get(i);
        outcome.runs++;
        if (body.locked) {
          outcome.locked++;
        } else if (!body.written.isEmpty()) {
          outcome.unlocked++;
        }
        if (body.written.equals("fenced")) {
          outcome.fencedWrites++;
        }
        for (int j = i + 1; j < bodies.size() && bodies.get(j).start < body.end; j++) {
          outcome.overlaps++;
          outcome.overlapCauses.merge(cause(faults, begin, bodies.get(j).start), 1, Integer::sum);
          if (isWritten(body) && isWritten(bodies.get(j))) {
            outcome.overlapsBothWritten++;
          }
        }
      }
      for (long tick = begin; tick + PERIOD_MILLIS <= end; tick += PERIOD_MILLIS) {
        long from = tick;
        if (bodies.stream().noneMatch(body -> body.start >= from && body.start < from + PERIOD_MILLIS)) {
          outcome.idleTicks++;
        }
      }
      return outcome;
    }

    /** The fault during which, or within 2 s after which, {@code atMillis} falls; {@code none} otherwise. */
    private static String cause(List<Fault> faults, long begin, long atMillis) {
      for (Fault fault : faults) {
        long from = begin + fault.atMillis;
        if (atMillis >= from && atMillis <= from + fault.forMillis + 2_000) {
          return fault.kind.name().toLowerCase(Locale.ROOT);
        }
      }
      return "none";
    }

    private static boolean isWritten(Body body) {
      return body.written.equals("ok") || body.written.equals("unfenced");
    }
  }
}
