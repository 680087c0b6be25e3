package io.github.distlock.bench;

import io.github.distlock.bench.calls.AcquiredPath;
import io.github.distlock.bench.calls.BenchRedis;
import io.github.distlock.bench.calls.BusyPath;
import io.github.distlock.bench.calls.Throughput16;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH part: every contender's locked call against the same Redis. Each round runs every benchmark once in a
 * fresh fork, in alternating order, so that a machine that gets busier during the run hurts all contenders alike;
 * a figure is the median over rounds.
 */
final class CallCostSuite {

  /**
   * One JMH benchmark method; {@code agent} when its JVM must start with the distlock agent, then with
   * {@code agentSettings} added; {@code replica} when Redis must have a replica attached while it runs.
   */
  record Bench(String id, String label, Class<?> type, String method, boolean agent, String unit,
      String agentSettings, boolean replica) {

    Bench(String id, String label, Class<?> type, String method, boolean agent, String unit) {
      this(id, label, type, method, agent, unit, "", false);
    }

    String jmhName() {
      return type.getName() + "." + method;
    }
  }

  static final List<Bench> BENCHES = List.of(
      new Bench("acquired.floor", "acquired path: floor (raw Lettuce, 2 round trips)", AcquiredPath.class, "floor",
          false, "µs/call"),
      new Bench("acquired.distlock", "acquired path: distlock", AcquiredPath.class, "distlock", true, "µs/call"),
      new Bench("acquired.template", "acquired path: distlock, key from an argument (bench:tpl:{0})",
          AcquiredPath.class, "distlockTemplate", true, "µs/call"),
      new Bench("acquired.redisson", "acquired path: Redisson", AcquiredPath.class, "redisson", false, "µs/call"),
      new Bench("acquired.shedlock", "acquired path: ShedLock", AcquiredPath.class, "shedlock", false, "µs/call"),
      new Bench("busy.floor", "busy path: floor (one failing SET NX)", BusyPath.class, "floor", false, "µs/call"),
      new Bench("busy.distlock", "busy path: distlock", BusyPath.class, "distlock", true, "µs/call"),
      new Bench("busy.redisson", "busy path: Redisson", BusyPath.class, "redisson", false, "µs/call"),
      new Bench("busy.shedlock", "busy path: ShedLock", BusyPath.class, "shedlock", false, "µs/call"),
      new Bench("replicated.distlock", "acquired path: distlock, Redis with a replica", AcquiredPath.class,
          "distlock", true, "µs/call", "", true),
      new Bench("replicated.minReplicas", "acquired path: distlock, minReplicas=1 (WAIT 1 after SET)",
          AcquiredPath.class, "distlock", true, "µs/call", ",minReplicas=1", true),
      new Bench("tput.floor", "16 threads: floor", Throughput16.class, "floor", false, "calls/s"),
      new Bench("tput.distlock", "16 threads: distlock", Throughput16.class, "distlock", true, "calls/s"));

  private final RunMode mode;
  private final Path agentJar;
  private final int redisPort;
  private final Path logDir;
  private final Pattern only;
  private final List<String> profilers;

  CallCostSuite(RunMode mode, Path agentJar, int redisPort, Path outDir, Pattern only, List<String> profilers) {
    this.mode = mode;
    this.agentJar = agentJar;
    this.redisPort = redisPort;
    this.logDir = outDir.resolve("jmh");
    this.only = only;
    this.profilers = profilers;
  }

  void declare(Results results) {
    for (Bench bench : selected()) {
      results.expect(bench.id(), bench.label(), bench.unit());
    }
  }

  void run(Results results) throws IOException {
    Files.createDirectories(logDir);
    List<Bench> benches = selected();
    for (int round = 1; round <= mode.rounds; round++) {
      List<Bench> order = new ArrayList<>(benches);
      if (round % 2 == 0) {
        Collections.reverse(order);
      }
      for (Bench bench : order) {
        runOne(bench, round, results);
      }
    }
  }

  private List<Bench> selected() {
    return BENCHES.stream().filter(bench -> only == null || only.matcher(bench.id()).find()).toList();
  }

  private void runOne(Bench bench, int round, Results results) throws IOException {
    String name = bench.id() + "-r" + round;
    Path log = logDir.resolve(name + ".log");
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(bench.jmhName()) + "$")
        .forks(1)
        .warmupIterations(mode.warmupIterations)
        .warmupTime(TimeValue.milliseconds(mode.warmupTime.toMillis()))
        .measurementIterations(mode.measurementIterations)
        .measurementTime(TimeValue.milliseconds(mode.measurementTime.toMillis()))
        // Explicit, so that forks never inherit the harness's own JVM options.
        .jvmArgs("-Xms512m", "-Xmx512m", "-D" + BenchRedis.PORT_PROPERTY + "=" + redisPort)
        .shouldFailOnError(true)
        .output(log.toString())
        .result(logDir.resolve(name + ".json").toString())
        .resultFormat(ResultFormatType.JSON);
    if (bench.agent()) {
      options.jvmArgsAppend(
          "-javaagent:" + agentJar + "=redis.url=" + BenchRedis.url(redisPort) + bench.agentSettings());
    }
    for (String profiler : profilers) {
      int colon = profiler.indexOf(':');
      if (colon < 0) {
        options.addProfiler(profiler);
      } else {
        options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
      }
    }
    long started = System.nanoTime();
    // Attached only for the benchmarks that need it: a replica makes the primary do more for every write.
    try (RedisServerProcess replica = bench.replica() ? replicaFor(name) : null) {
      RunResult result = new Runner(options.build()).runSingle();
      double score = result.getPrimaryResult().getScore();
      results.add(bench.id(), score);
      System.out.printf("  %-20s round %d: %12.2f %s   (%d s)%n", bench.id(), round, score, bench.unit(),
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    } catch (RunnerException | RuntimeException e) {
      results.fail(bench.id() + " round " + round + ": " + e + " (log: " + log + ")");
      System.out.printf("  %-20s round %d: FAILED, see %s%n%s%n", bench.id(), round, log, tail(log));
    }
  }

  private RedisServerProcess replicaFor(String name) throws IOException {
    try {
      return RedisServerProcess.replicaOf(redisPort, logDir.resolve("replica-" + name));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting a replica", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
