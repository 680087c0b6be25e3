package io.github.distlock.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs every distlock benchmark in one go against one private {@code redis-server} and prints the figures as
 * Markdown, ratios first. Exits non-zero when a benchmark produced no figure, which is all the CI smoke run checks.
 *
 * <p>Options: {@code --mode=smoke|full}, {@code --agent=<distlock-agent.jar>}, {@code --workload=<dir of jars>},
 * {@code --apps=<benchmarks/apps>}, {@code --out=<dir>}; for investigations {@code --suites=calls,startup},
 * {@code --only=<regex of benchmark ids>} and {@code --prof=<JMH profiler>[:<options>]} (repeatable, e.g.
 * {@code --prof=jfr}).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    RunMode mode = RunMode.SMOKE;
    Path agentJar = Path.of("../agent/target/distlock-agent.jar");
    Path workload = Path.of("target/workload-jars");
    Path apps = Path.of("apps");
    Path out = Path.of("target/bench-results");
    List<String> suites = List.of("calls", "startup");
    Pattern only = null;
    List<String> profilers = new ArrayList<>();
    for (String arg : args) {
      String value = arg.substring(arg.indexOf('=') + 1);
      if (arg.startsWith("--mode=")) {
        mode = RunMode.valueOf(value.toUpperCase(Locale.ROOT));
      } else if (arg.startsWith("--agent=")) {
        agentJar = Path.of(value);
      } else if (arg.startsWith("--workload=")) {
        workload = Path.of(value);
      } else if (arg.startsWith("--apps=")) {
        apps = Path.of(value);
      } else if (arg.startsWith("--out=")) {
        out = Path.of(value);
      } else if (arg.startsWith("--suites=")) {
        suites = List.of(value.split(","));
      } else if (arg.startsWith("--only=")) {
        only = Pattern.compile(value);
      } else if (arg.startsWith("--prof=")) {
        profilers.add(value);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg + "; see BenchMain's Javadoc");
      }
    }
    agentJar = agentJar.toAbsolutePath();
    workload = workload.toAbsolutePath();
    apps = apps.toAbsolutePath();
    out = out.toAbsolutePath();
    if (!Files.isRegularFile(agentJar)) {
      throw new IllegalStateException(agentJar + " not found: build it with mvn -B -q install -DskipTests");
    }
    if (!Files.isDirectory(workload)) {
      throw new IllegalStateException(workload + " not found: mvn package copies the workload jars there");
    }
    Files.createDirectories(out);
    startWatchdog(mode);

    LoadMonitor load = LoadMonitor.start();
    Results results = new Results();
    String redisVersion;
    long started = System.nanoTime();
    try (RedisServerProcess redis = RedisServerProcess.start(out.resolve("redis"))) {
      redisVersion = redis.version();
      System.out.println("distlock benchmarks, " + mode.name().toLowerCase(Locale.ROOT) + " run; redis-server on"
          + " 127.0.0.1:" + redis.port() + "; 1-minute load " + load.current());
      CallCostSuite calls = new CallCostSuite(mode, agentJar, redis.port(), out, only, profilers);
      StartupSuite startup = new StartupSuite(mode, agentJar, workload, apps, redis.port(), out, only);
      if (suites.contains("calls")) {
        calls.declare(results);
      }
      if (suites.contains("startup")) {
        startup.declare(results);
      }
      if (suites.contains("calls")) {
        System.out.println("call cost (JMH; logs and JSON in " + out.resolve("jmh") + ")");
        calls.run(results);
      }
      if (suites.contains("startup")) {
        startup.run(results);
      }
    }
    load.stop();

    List<String> environment = List.of(
        "**" + mode.name().toLowerCase(Locale.ROOT) + " run, " + LocalDate.now() + "**, "
            + TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - started) + " min"
            + (mode == RunMode.SMOKE ? " — smoke figures are meaningless, they only prove the harness works" : ""),
        "",
        "- machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
            + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
            + redisVersion.replaceAll(" sha=.*", ""),
        "- agent: " + describe(agentJar),
        "- 1-minute load average: " + load.describe());
    String markdown = new Report(results, environment).markdown();
    Files.writeString(out.resolve("results.md"), markdown, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(markdown);
    System.out.println("(written to " + out.resolve("results.md") + ")");

    List<String> missing = results.missing();
    if (!missing.isEmpty() || !results.failures().isEmpty()) {
      System.out.println("FAILED: no figure for " + missing + "; failures: " + results.failures());
      System.exit(1);
    }
    System.exit(0);
  }

  /** Kills whatever the harness started and gives up, so a hung benchmark cannot hang a CI build. */
  private static void startWatchdog(RunMode mode) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(mode.deadline.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("FAILED: the benchmarks did not finish within " + mode.deadline);
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      Runtime.getRuntime().halt(2);
    }, "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The agent jar's size and the commit of the checkout it was built in, so a table can be traced to code. */
  private static String describe(Path agentJar) throws IOException {
    String commit;
    try {
      Process git = new ProcessBuilder("git", "describe", "--always", "--dirty")
          .directory(agentJar.getParent().toFile())
          .redirectErrorStream(true)
          .start();
      commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor() != 0) {
        commit = "unknown commit";
      }
    } catch (IOException | InterruptedException e) {
      commit = "unknown commit";
    }
    return String.format(Locale.ROOT, "%s (%.1f MB, built from %s)", agentJar.getFileName(),
        Files.size(agentJar) / (1024.0 * 1024.0), commit);
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux.
    }
    return "unknown CPU";
  }
}
