package io.github.distlock.bench;

import io.github.distlock.DistributedLock;
import io.github.distlock.bench.calls.BenchRedis;
import io.github.distlock.bench.startup.ClassLoadWorkload;
import io.github.distlock.bench.startup.ExitProbe;
import io.github.distlock.bench.startup.HelloMain;
import io.github.distlock.bench.startup.MemoryProbe;
import io.github.distlock.bench.startup.NoopTransformerAgent;
import io.github.distlock.bench.startup.PremainTimer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the agent costs before the first lock: class loading, premain, start-up to {@code main}, and footprint;
 * then a Spring Boot application's start-up ({@link SpringStartup}) and a cold one-lock process against Redisson
 * and ShedLock ({@link ColdLock}). Every figure comes from short-lived JVMs run side by side, the order alternating
 * from round to round so that drift in the machine's load does not favour either side. With {@code --only}, a step
 * runs only if one of its figure ids matches.
 */
final class StartupSuite {

  private static final Pattern LOADED = Pattern.compile(
      "loaded=(\\d+) failed=(\\d+) loopNanos=(\\d+) endMillis=(\\d+) warmLoopNanos=(\\d+) probeNanos=(\\d+)");
  private static final Pattern HELLO = Pattern.compile("premainNanos=(-?\\d+) connectedAtMain=(true|false)");
  private static final Pattern EXIT = Pattern.compile("exit mainReturnsAtMillis=(\\d+)");
  private static final Pattern MEMORY =
      Pattern.compile("heapUsed=(\\d+) nonHeapUsed=(\\d+) rssKb=(-?\\d+) locked=(true|false)");
  private static final Pattern MAIN_LOADED = classLoaded(HelloMain.class.getName());
  private static final Pattern AGENT_LOADED = classLoaded("io.github.distlock.agent.DistlockAgent");
  private static final double MB = 1024.0 * 1024.0;
  private static final Map<String, String> PASSES = Map.of("wall", "JVM launch to end of first pass", "loop",
      "first pass only", "warm", "second pass (warm, new loader)");

  private final RunMode mode;
  private final Path agentJar;
  private final Path workloadJars;
  private final int redisPort;
  private final Path logDir;
  private final String classPath;
  private final Pattern only;
  private final SpringStartup spring;
  private final ColdLock cold;
  private final List<Step> steps;
  private final List<Step> selected = new ArrayList<>();

  StartupSuite(RunMode mode, Path agentJar, Path workloadJars, Path appsDir, int redisPort, Path outDir,
      Pattern only) throws IOException {
    this.mode = mode;
    this.agentJar = agentJar;
    this.workloadJars = workloadJars;
    this.redisPort = redisPort;
    this.logDir = outDir.resolve("startup");
    // Just the benchmark classes and the annotations jar: a hello world must not pay for a long class path.
    this.classPath = codeSource(HelloMain.class) + File.pathSeparator + codeSource(DistributedLock.class);
    this.only = only;
    BenchApps apps = new BenchApps(appsDir);
    this.spring = new SpringStartup(mode, logDir, agentJar, redisPort, apps);
    // The distlock side needs nothing beyond the benchmark classes and the annotations: its minimal class path.
    this.cold = new ColdLock(mode, logDir, agentJar, redisPort, apps, classPath);
    this.steps = steps();
    Files.createDirectories(logDir);
  }

  void declare(Results results) {
    for (Step step : steps) {
      // Declared into a scratch set first: a step runs only if one of its figures matches --only.
      Results scratch = new Results();
      step.declare.accept(scratch);
      boolean wanted = only == null
          ? step.run != null
          : scratch.all().stream().anyMatch(figure -> only.matcher(figure.id).find());
      if (wanted) {
        step.declare.accept(results);
        selected.add(step);
      }
    }
  }

  void run(Results results) {
    for (Step step : selected) {
      step(step.name, results, step.run);
    }
  }

  private List<Step> steps() {
    List<Step> all = new ArrayList<>();
    all.add(new Step("class loading", this::declareClassLoading, this::classLoading));
    all.add(new Step("hello world", results -> {
      for (String side : List.of("without", "with")) {
        results.expect("hello.main." + side, "hello world: JVM start to main, " + agentLabel(side), "ms");
        results.expect("hello.wall." + side, "hello world: process start to exit, " + agentLabel(side), "ms");
      }
      results.expect("hello.premainStarts", "hello world: JVM start to the agent's premain class", "ms");
    }, this::helloWorld));
    all.add(new Step("exit", results -> {
      for (String side : List.of("without", "with")) {
        results.expect("exit." + side, "exit: main returns (one lock taken) to process ended, " + agentLabel(side),
            "ms");
        results.expect("warnings." + side, "JVM warning lines on standard error, one lock taken, "
            + agentLabel(side), "lines");
      }
    }, this::exit));
    all.add(new Step("premain", results -> {
      results.expect("premain.up", "premain, Redis up", "ms");
      results.expect("premain.down", "premain, Redis unreachable", "ms");
    }, this::premain));
    all.add(new Step("memory", results -> {
      for (String side : List.of("without", "with")) {
        results.expect("memory.heap." + side, "heap used after GC, one lock held, " + agentLabel(side), "MB");
        results.expect("memory.nonheap." + side, "non-heap used (metaspace, code), " + agentLabel(side), "MB");
        results.expect("memory.rss." + side, "resident set (VmRSS), " + agentLabel(side), "MB");
        results.expect("memory.peak." + side, "peak resident set (GNU time), one lock held, " + agentLabel(side),
            "MiB");
      }
    }, this::memory));
    all.add(new Step("Spring Boot start", SpringStartup::declareStart, spring::start));
    all.add(new Step("Spring Boot start, first job, exit", SpringStartup::declareJob, spring::job));
    all.add(new Step("Spring Boot start with AppCDS", SpringStartup::declareCds, spring::cds));
    all.add(new Step("cold JVM, one lock", ColdLock::declare, cold::run));
    // No figures: runs in a full run without --only, where its wait is affordable.
    all.add(new Step("compatibility", results -> {}, mode.compatWait.isZero() ? null : this::compatibility));
    return all;
  }

  private void declareClassLoading(Results results) {
    for (String side : List.of("without", "with")) {
      for (String pass : List.of("wall", "loop", "warm")) {
        results.expect("classload." + pass + "." + side, "class loading: " + PASSES.get(pass) + ", "
            + agentLabel(side), "ms");
      }
      results.expect("classload.probe." + side, "class loading: the first class with a lock, " + agentLabel(side),
          "ms");
    }
    for (String pass : List.of("wall", "loop", "warm")) {
      results.expect("classload." + pass + ".noop", "class loading: " + PASSES.get(pass) + ", do-nothing agent",
          "ms");
    }
    results.expect("classload.classes", "classes the workload loaded", "classes");
    results.expect("classload.inspected", "classes the agent parsed (debug 'inspecting' lines)", "classes");
    results.expect("classload.instrumented", "classes the agent rewrote (debug 'instrumented' lines)", "classes");
  }

  private static String agentLabel(String side) {
    return side.equals("with") ? "with agent" : "without agent";
  }

  /** A group of figures measured together; {@code run} is null for a step this mode skips. */
  private record Step(String name, Consumer<Results> declare, Body run) {}

  private interface Body {
    void run(Results results) throws Exception;
  }

  private static void step(String name, Results results, Body step) {
    System.out.println("start-up: " + name);
    try {
      step.run(results);
    } catch (Exception e) {
      results.fail("start-up " + name + ": " + e);
      System.out.println("  FAILED: " + e);
    }
  }

  private void classLoading(Results results) throws Exception {
    List<String> args = List.of(workloadJars.toString(), Integer.toString(mode.maxClasses));
    String noopAgent = "-javaagent:" + agentJar(NoopTransformerAgent.class, "noop-transformer.jar");
    List<String> sides = new ArrayList<>(List.of("without", "noop", "with"));
    for (int pair = 0; pair < mode.classLoadPairs; pair++) {
      // Each side goes first as often as the others, so that a machine getting busier favours none.
      Collections.rotate(sides, 1);
      for (String side : sides) {
        String agent = side.equals("with") ? agentArg("") : side.equals("noop") ? noopAgent : null;
        ChildJvm.Outcome outcome = ChildJvm.run(logDir, "classload-" + pair + "-" + side, jvmArgs(agent),
            ClassLoadWorkload.class.getName(), args);
        Matcher m = find(LOADED, outcome.stdout(), "class-loading workload");
        double toFirstPass = Long.parseLong(m.group(4)) - outcome.launchedAtMillis();
        results.add("classload.wall." + side, toFirstPass);
        results.add("classload.loop." + side, millis(Long.parseLong(m.group(3))));
        results.add("classload.warm." + side, millis(Long.parseLong(m.group(5))));
        if (!side.equals("noop")) {
          results.add("classload.probe." + side, millis(Long.parseLong(m.group(6))));
        }
        if (side.equals("without") && pair == 0) {
          results.add("classload.classes", Long.parseLong(m.group(1)));
          results.note("classload.failed", m.group(2));
        }
        System.out.printf("  pair %d %-7s: %6.0f ms launch to end of first pass, %6.0f ms first pass, %6.0f ms"
            + " second pass, %s classes%n", pair, side, toFirstPass, millis(Long.parseLong(m.group(3))),
            millis(Long.parseLong(m.group(5))), m.group(1));
      }
    }
    // Counted in a separate run so that debug logging never slows a timed one.
    ChildJvm.Outcome counted = ChildJvm.run(logDir, "classload-debug", jvmArgs(agentArg(",logLevel=debug")),
        ClassLoadWorkload.class.getName(), args);
    List<String> inspected = linesAfter(counted.stderr(), "[distlock] DEBUG inspecting ");
    List<String> instrumented = linesAfter(counted.stderr(), "[distlock] DEBUG instrumented ");
    results.add("classload.inspected", inspected.size());
    results.add("classload.instrumented", instrumented.size());
    results.note("classload.inspectedClasses", String.join(", ", inspected));
    System.out.println("  agent inspected " + inspected + ", instrumented " + instrumented);
  }

  private void helloWorld(Results results) throws Exception {
    for (int pair = 0; pair < mode.helloPairs; pair++) {
      for (boolean agent : order(pair)) {
        String side = side(agent);
        String name = "hello-" + pair + "-" + side;
        Path classLog = logDir.resolve(name + ".classload.log");
        List<String> jvmArgs = jvmArgs(agent ? agentArg("") : null);
        jvmArgs.add(0, "-Xlog:class+load=info:file=" + classLog + ":uptimenanos");
        ChildJvm.Outcome outcome = ChildJvm.run(logDir, name, jvmArgs, HelloMain.class.getName(), List.of());
        String classLoads = Files.readString(classLog);
        Matcher main = find(MAIN_LOADED, classLoads, "main class in " + classLog);
        results.add("hello.main." + side, millis(Long.parseLong(main.group(1))));
        if (agent) {
          Matcher premain = find(AGENT_LOADED, classLoads, "agent class in " + classLog);
          results.add("hello.premainStarts", millis(Long.parseLong(premain.group(1))));
        }
        results.add("hello.wall." + side, millis(outcome.wallNanos()));
      }
    }
  }

  // Also counts what the JVM itself prints to standard error (warnings), the agent's own lines aside.
  private void exit(Results results) throws Exception {
    for (int pair = 0; pair < mode.helloPairs; pair++) {
      for (boolean agent : order(pair)) {
        String side = side(agent);
        ChildJvm.Outcome outcome = ChildJvm.run(logDir, "exit-" + pair + "-" + side,
            jvmArgs(agent ? agentArg("") : null), ExitProbe.class.getName(), List.of());
        Matcher m = find(EXIT, outcome.stdout(), "exit probe");
        results.add("exit." + side, outcome.endedAtMillis() - Long.parseLong(m.group(1)));
        long jvmLines = outcome.stderr().lines().filter(line -> !line.startsWith("[distlock] ")).count();
        results.add("warnings." + side, jvmLines);
      }
    }
  }

  private void premain(Results results) throws Exception {
    Path timer = agentJar(PremainTimer.class, "premain-timer.jar");
    int closedPort = closedPort();
    int connectedAtMain = 0;
    for (int run = 0; run < mode.premainRuns; run++) {
      for (boolean redisUp : order(run)) {
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add("-javaagent:" + timer + "=start");
        jvmArgs.add("-javaagent:" + agentJar + "=redis.url=" + BenchRedis.url(redisUp ? redisPort : closedPort));
        jvmArgs.add("-javaagent:" + timer + "=end");
        jvmArgs.addAll(jvmArgs(null));
        ChildJvm.Outcome outcome = ChildJvm.run(logDir, "premain-" + run + "-" + (redisUp ? "up" : "down"),
            jvmArgs, HelloMain.class.getName(), List.of());
        Matcher m = find(HELLO, outcome.stdout(), "hello world");
        results.add(redisUp ? "premain.up" : "premain.down", millis(Long.parseLong(m.group(1))));
        if (m.group(2).equals("true")) {
          connectedAtMain++;
        }
      }
    }
    results.note("premain.connectedAtMain", connectedAtMain + " of " + 2 * mode.premainRuns);
  }

  private void memory(Results results) throws Exception {
    for (int pair = 0; pair < mode.memoryPairs; pair++) {
      for (boolean agent : order(pair)) {
        String side = side(agent);
        ChildJvm.Outcome outcome = ChildJvm.runTimed(logDir, "memory-" + pair + "-" + side,
            jvmArgs(agent ? agentArg("") : null), MemoryProbe.class.getName(), List.of());
        Matcher m = find(MEMORY, outcome.stdout(), "memory probe");
        if (agent && !m.group(4).equals("true")) {
          throw new IllegalStateException("the memory probe ran without holding its lock: " + outcome.stdout());
        }
        results.add("memory.heap." + side, Long.parseLong(m.group(1)) / MB);
        results.add("memory.nonheap." + side, Long.parseLong(m.group(2)) / MB);
        results.add("memory.peak." + side, outcome.usage().peakRssMib());
        long rssKb = Long.parseLong(m.group(3));
        if (rssKb > 0) {
          results.add("memory.rss." + side, rssKb / 1024.0);
        }
      }
    }
  }

  /**
   * Whether the agent still locks when the application carries its own Lettuce, Redisson and Spring Data Redis
   * (this harness's class path). Reported, not a figure: the call-cost benchmarks avoid the situation.
   */
  private void compatibility(Results results) throws Exception {
    List<String> jvmArgs = List.of(agentArg(""), "-cp", System.getProperty("java.class.path"));
    ChildJvm.Outcome outcome = ChildJvm.run(logDir, "compat-app-lettuce", jvmArgs, MemoryProbe.class.getName(),
        List.of(Long.toString(mode.compatWait.toSeconds())));
    Matcher m = find(MEMORY, outcome.stdout(), "memory probe");
    String warning = linesAfter(outcome.stderr(), "[distlock] WARN ").stream().findFirst().orElse("");
    results.note("compat.appLettuce", m.group(4).equals("true")
        ? "yes"
        : "no, the agent never connects (" + warning + ")");
    System.out.println("  agent locks with the app's own Lettuce on the class path: "
        + results.note("compat.appLettuce"));
  }

  /** A line of {@code -Xlog:class+load} with the {@code uptimenanos} decoration, for one class. */
  private static Pattern classLoaded(String className) {
    return Pattern.compile("^\\[(\\d+)ns\\] " + Pattern.quote(className) + " ", Pattern.MULTILINE);
  }

  private String agentArg(String extra) {
    return "-javaagent:" + agentJar + "=redis.url=" + BenchRedis.url(redisPort) + extra;
  }

  private List<String> jvmArgs(String agentArg) {
    List<String> args = new ArrayList<>();
    if (agentArg != null) {
      args.add(agentArg);
    }
    args.add("-cp");
    args.add(classPath);
    return args;
  }

  /** Without the agent first in even pairs, with it first in odd ones. */
  private static List<Boolean> order(int pair) {
    return pair % 2 == 0 ? List.of(false, true) : List.of(true, false);
  }

  private static String side(boolean agent) {
    return agent ? "with" : "without";
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static Matcher find(Pattern pattern, String text, String what) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no figure from the " + what + " in: " + text);
    }
    return m;
  }

  private static List<String> linesAfter(String text, String prefix) {
    List<String> found = new ArrayList<>();
    for (String line : text.split("\\R")) {
      int at = line.indexOf(prefix);
      if (at >= 0) {
        found.add(line.substring(at + prefix.length()));
      }
    }
    return found;
  }

  /**
   * A jar holding just one of the harness's own small agents (and its nested classes); built here because these
   * are the only jars the measurement needs.
   */
  private Path agentJar(Class<?> premainClass, String fileName) throws IOException {
    Path jar = logDir.resolve(fileName);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), premainClass.getName());
    manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
    Path classes = Path.of(codeSource(premainClass));
    String prefix = premainClass.getName().replace('.', '/');
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> entries = Files.list(classes.resolve(prefix).getParent())) {
      for (Path classFile : entries.toList()) {
        String entry = classes.relativize(classFile).toString().replace(File.separatorChar, '/');
        if (entry.equals(prefix + ".class") || entry.startsWith(prefix + "$")) {
          out.putNextEntry(new JarEntry(entry));
          out.write(Files.readAllBytes(classFile));
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  /** A loopback port nothing listens on, for the Redis-unreachable case. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
