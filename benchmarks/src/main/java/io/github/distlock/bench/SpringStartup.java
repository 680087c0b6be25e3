package io.github.distlock.bench;

import io.github.distlock.bench.calls.BenchRedis;
import io.github.distlock.bench.calls.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A Spring Boot application timed from launch until its context has refreshed
 * ({@code -Dspring.context.exit=onRefresh}): its scheduled job locked by the agent ({@code agent}), the same app
 * without the agent ({@code none}), and the same job locked by ShedLock ({@code shedlock}), each app on its own
 * class path. Then the same with a dynamic AppCDS archive, and the share of classes the archive served.
 */
final class SpringStartup {

  static final List<String> SIDES = List.of("none", "agent", "shedlock");
  /**
   * {@code agent} runs on the archive of the training run without the agent; {@code agentTrained} on one that a
   * training run with the agent made, which JDK 17 allows only in a diagnostic mode.
   */
  static final List<String> CDS_SIDES = List.of("none", "agent", "agentTrained");
  static final String LOCKED_CLASS = "io.github.distlock.bench.apps.LockedJob";

  private static final String PLAIN_MAIN = "io.github.distlock.bench.apps.PlainApp";
  private static final String SHEDLOCK_MAIN = "io.github.distlock.bench.apps.ShedLockApp";
  /** The apps exit once their job has run, instead of at the refresh. */
  private static final String EXIT_AFTER_JOB = "-Dbench.exitAfterJob=true";
  private static final List<String> DIAGNOSTIC_ARCHIVING =
      List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent");
  private static final Map<String, String> LABELS = Map.of("none", "without agent", "agent", "with agent",
      "shedlock", "ShedLock instead", "agentTrained", "with agent, archive trained with the agent (diagnostic)");

  private final RunMode mode;
  private final Path logDir;
  private final Path agentJar;
  private final int redisPort;
  private final BenchApps apps;

  SpringStartup(RunMode mode, Path logDir, Path agentJar, int redisPort, BenchApps apps) {
    this.mode = mode;
    this.logDir = logDir;
    this.agentJar = agentJar;
    this.redisPort = redisPort;
    this.apps = apps;
  }

  static void declareStart(Results results) {
    for (String side : SIDES) {
      declareUsage(results, "spring.", side);
    }
  }

  static void declareJob(Results results) {
    for (String side : SIDES) {
      declareUsage(results, "spring.job.", side);
    }
  }

  static void declareCds(Results results) {
    for (String side : CDS_SIDES) {
      declareUsage(results, "spring.cds.", side);
      results.expect("spring.cds.shared." + side, "Spring Boot with AppCDS: classes loaded from the archive, "
          + LABELS.get(side), "%");
    }
  }

  private static void declareUsage(Results results, String prefix, String side) {
    String what = switch (prefix) {
      case "spring.cds." -> "Spring Boot with AppCDS, launch to refreshed: ";
      case "spring.job." -> "Spring Boot, launch to the job's first run to exit: ";
      default -> "Spring Boot, launch to refreshed: ";
    };
    results.expect(prefix + "wall." + side, what + "wall, " + LABELS.get(side), "ms");
    results.expect(prefix + "cpu." + side, what + "CPU (user + system), " + LABELS.get(side), "ms");
    results.expect(prefix + "rss." + side, what + "peak RSS, " + LABELS.get(side), "MiB");
  }

  /** Timed rounds without CDS, then one untimed run that proves the agent rewrote the job's class. */
  void start(Results results) throws Exception {
    List<String> sides = new ArrayList<>(SIDES);
    int[] jobRan = new int[SIDES.size()];
    for (int round = 0; round < mode.springRounds; round++) {
      // Each side goes first as often as the others, so that a machine getting busier favours none.
      Collections.rotate(sides, 1);
      for (String side : sides) {
        ChildJvm.Outcome outcome = launch("spring-" + round + "-" + side, side, List.of(), "", true);
        addUsage(results, "spring.", side, outcome);
        if (outcome.stdout().contains("job ran locked=true")) {
          jobRan[SIDES.indexOf(side)]++;
        }
      }
    }
    // Spring halts the JVM before its scheduler starts, so the job does not run: what is timed is the agent's
    // start-up and its rewriting of the job's class, never a lock. Reported, so that nobody reads more into it.
    results.note("spring.jobRan", String.format("agent %d, ShedLock %d of %d runs", jobRan[1], jobRan[2],
        mode.springRounds));
    ChildJvm.Outcome debug = launch("spring-debug-agent", "agent", List.of(), ",logLevel=debug", false);
    requireInstrumented(debug, "spring-debug-agent");
    results.note("spring.instrumented", "yes");
  }

  /**
   * Launch, the scheduled job's first run (under its lock, for the agent and ShedLock), and exit: what exiting at
   * the refresh leaves out, the first lock, its connection and the shutdown after it.
   */
  void job(Results results) throws Exception {
    List<String> sides = new ArrayList<>(SIDES);
    for (int round = 0; round < mode.springRounds; round++) {
      Collections.rotate(sides, 1);
      for (String side : sides) {
        String name = "spring-job-" + round + "-" + side;
        ChildJvm.Outcome outcome = launch(name, side, List.of(EXIT_AFTER_JOB), "", true);
        if (!outcome.stdout().contains(side.equals("none") ? "job ran locked=" : "job ran locked=true")) {
          throw new IllegalStateException(name + " exited without running its job under the lock:\n"
              + outcome.stdout());
        }
        addUsage(results, "spring.job.", side, outcome);
      }
    }
  }

  /**
   * A training run per archive ({@code -XX:ArchiveClassesAtExit}), timed rounds on it, then per side one untimed
   * run with {@code -Xlog:class+load} to count the classes the archive served.
   */
  void cds(Results results) throws Exception {
    Path plainArchive = logDir.resolve("spring-none.jsa");
    Path agentArchive = logDir.resolve("spring-agent.jsa");
    train("none", plainArchive, List.of());
    // JDK 17 refuses to dump with a java agent attached unless this diagnostic flag is set ("Must enable
    // AllowArchivingWithJavaAgent in order to run Java agent during CDS dumping"), and then requires it again
    // when the archive is used, with a warning that it is for testing only.
    train("agentTrained", agentArchive, DIAGNOSTIC_ARCHIVING);
    List<String> sides = new ArrayList<>(CDS_SIDES);
    for (int round = 0; round < mode.springRounds; round++) {
      Collections.rotate(sides, 1);
      for (String side : sides) {
        ChildJvm.Outcome outcome = launch("spring-cds-" + round + "-" + side, side,
            cdsArgs(side, plainArchive, agentArchive), "", true);
        addUsage(results, "spring.cds.", side, outcome);
      }
    }
    for (String side : CDS_SIDES) {
      String name = "spring-cds-classload-" + side;
      Path classLog = logDir.resolve(name + ".log");
      List<String> jvmArgs = new ArrayList<>(cdsArgs(side, plainArchive, agentArchive));
      jvmArgs.add("-Xlog:class+load=info:file=" + classLog);
      ChildJvm.Outcome outcome = launch(name, side, jvmArgs, ",logLevel=debug", false);
      if (!side.equals("none")) {
        requireInstrumented(outcome, name);
      }
      List<String> lines = Files.readAllLines(classLog);
      long shared = lines.stream().filter(line -> line.contains("source: shared objects file")).count();
      results.add("spring.cds.shared." + side, 100.0 * shared / lines.size());
      results.note("spring.cds.classes." + side, shared + " of " + lines.size());
    }
  }

  private void train(String side, Path archive, List<String> extraArgs) throws Exception {
    Files.deleteIfExists(archive);
    List<String> jvmArgs = new ArrayList<>(extraArgs);
    jvmArgs.add("-XX:ArchiveClassesAtExit=" + archive);
    launch("spring-cds-train-" + side, side, jvmArgs, "", false);
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the training run made no archive " + archive + "; see "
          + logDir.resolve("spring-cds-train-" + side + ".out"));
    }
  }

  private static List<String> cdsArgs(String side, Path plainArchive, Path agentArchive) {
    List<String> args = new ArrayList<>();
    if (side.equals("agentTrained")) {
      args.addAll(DIAGNOSTIC_ARCHIVING);
      args.add("-XX:SharedArchiveFile=" + agentArchive);
    } else {
      args.add("-XX:SharedArchiveFile=" + plainArchive);
    }
    return args;
  }

  /** One app JVM for {@code side}; {@code agentExtra} is appended to the agent's options. */
  private ChildJvm.Outcome launch(String name, String side, List<String> extraJvmArgs, String agentExtra,
      boolean timed) throws IOException, InterruptedException {
    // A job interrupted by the exit could leave its lock held; every run starts with nothing held.
    try (RespClient redis = RespClient.connect(redisPort)) {
      redis.call("FLUSHDB");
    }
    boolean shedLock = side.equals("shedlock");
    List<String> jvmArgs = new ArrayList<>(extraJvmArgs);
    if (side.startsWith("agent")) {
      jvmArgs.add("-javaagent:" + agentJar + "=redis.url=" + BenchRedis.url(redisPort) + agentExtra);
    }
    if (!extraJvmArgs.contains(EXIT_AFTER_JOB)) {
      jvmArgs.add("-Dspring.context.exit=onRefresh");
    }
    jvmArgs.add("-cp");
    jvmArgs.add(apps.classPath(shedLock ? BenchApps.SPRING_SHEDLOCK : BenchApps.SPRING_PLAIN));
    List<String> appArgs = shedLock
        ? List.of("--spring.data.redis.host=" + BenchRedis.HOST, "--spring.data.redis.port=" + redisPort)
        : List.of();
    String main = shedLock ? SHEDLOCK_MAIN : PLAIN_MAIN;
    return timed
        ? ChildJvm.runTimed(logDir, name, jvmArgs, main, appArgs)
        : ChildJvm.run(logDir, name, jvmArgs, main, appArgs);
  }

  private static void addUsage(Results results, String prefix, String side, ChildJvm.Outcome outcome) {
    results.add(prefix + "wall." + side, outcome.wallNanos() / 1e6);
    results.add(prefix + "cpu." + side, outcome.usage().cpuMillis());
    results.add(prefix + "rss." + side, outcome.usage().peakRssMib());
  }

  // Without this, a run in which the agent skipped the job's class would be timed as if it had done its work.
  private static void requireInstrumented(ChildJvm.Outcome outcome, String name) {
    if (!outcome.stderr().contains("[distlock] DEBUG instrumented " + LOCKED_CLASS)) {
      throw new IllegalStateException("the agent did not rewrite " + LOCKED_CLASS + " in " + name + ":\n"
          + outcome.stderr());
    }
  }
}
