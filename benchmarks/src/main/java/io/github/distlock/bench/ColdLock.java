package io.github.distlock.bench;

import io.github.distlock.bench.calls.BenchRedis;
import io.github.distlock.bench.calls.RespClient;
import io.github.distlock.bench.startup.ColdLockMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A cold JVM that takes one lock and exits, as a cron-started job would: distlock (agent attached, one
 * {@code @DistributedLock} call), Redisson and ShedLock (client created, one lock, client shut down), each on its own
 * class path. What a short-lived process pays for each, from launch to exit.
 */
final class ColdLock {

  static final List<String> SIDES = List.of("distlock", "redisson", "shedlock");

  private static final Map<String, String> LABELS =
      Map.of("distlock", "distlock", "redisson", "Redisson", "shedlock", "ShedLock");

  private final RunMode mode;
  private final Path logDir;
  private final Path agentJar;
  private final int redisPort;
  private final BenchApps apps;
  private final String startupClassPath;

  ColdLock(RunMode mode, Path logDir, Path agentJar, int redisPort, BenchApps apps, String startupClassPath) {
    this.mode = mode;
    this.logDir = logDir;
    this.agentJar = agentJar;
    this.redisPort = redisPort;
    this.apps = apps;
    this.startupClassPath = startupClassPath;
  }

  static void declare(Results results) {
    for (String side : SIDES) {
      String label = LABELS.get(side);
      results.expect("cold.wall." + side, "cold JVM taking one lock, launch to exit: wall, " + label, "ms");
      results.expect("cold.cpu." + side, "cold JVM taking one lock: CPU (user + system), " + label, "ms");
      results.expect("cold.rss." + side, "cold JVM taking one lock: peak RSS, " + label, "MiB");
    }
  }

  void run(Results results) throws Exception {
    List<String> sides = new ArrayList<>(SIDES);
    for (int round = 0; round < mode.coldRounds; round++) {
      // Each side goes first as often as the others, so that a machine getting busier favours none.
      Collections.rotate(sides, 1);
      for (String side : sides) {
        try (RespClient redis = RespClient.connect(redisPort)) {
          redis.call("FLUSHDB");
        }
        String name = "cold-" + round + "-" + side;
        ChildJvm.Outcome outcome = launch(name, side);
        if (!outcome.stdout().contains("cold locked=true")) {
          throw new IllegalStateException(name + " did not lock: " + outcome.stdout() + outcome.stderr());
        }
        results.add("cold.wall." + side, outcome.wallNanos() / 1e6);
        results.add("cold.cpu." + side, outcome.usage().cpuMillis());
        results.add("cold.rss." + side, outcome.usage().peakRssMib());
      }
    }
  }

  private ChildJvm.Outcome launch(String name, String side) throws Exception {
    String port = Integer.toString(redisPort);
    return switch (side) {
      case "distlock" -> ChildJvm.runTimed(logDir, name,
          List.of("-javaagent:" + agentJar + "=redis.url=" + BenchRedis.url(redisPort), "-cp", startupClassPath),
          ColdLockMain.class.getName(), List.of());
      case "redisson" -> ChildJvm.runTimed(logDir, name, List.of("-cp", apps.classPath(BenchApps.COLD_REDISSON)),
          "io.github.distlock.bench.apps.ColdRedisson", List.of(port));
      case "shedlock" -> ChildJvm.runTimed(logDir, name, List.of("-cp", apps.classPath(BenchApps.COLD_SHEDLOCK)),
          "io.github.distlock.bench.apps.ColdShedLock", List.of(port));
      default -> throw new IllegalArgumentException(side);
    };
  }
}
