package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ConfigProbeApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a user sees when the agent's configuration is wrong: the application still starts and the agent names the
 * bad input and its expected form. A bad value of a setting the fleet shares (which Redis, which keys) or an
 * unusable file keeps the agent off Redis, and locked methods follow the fail mode; a bad value of any other setting
 * or an unknown name leaves locking on. Also the precedence of the sources, end to end, as the start-up line shows.
 */
class ConfigIT {

  private static final Duration RUN = Duration.ofSeconds(60);

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @TempDir Path dir;

  /** The two fail modes, as a user selects them, and whether a locked body runs while the agent is off Redis. */
  enum Mode {
    DEFAULT_OPEN(null, true),
    CLOSED("failMode=closed", false);

    final String agentArg;
    final boolean bodyRuns;

    Mode(String agentArg, boolean bodyRuns) {
      this.agentArg = agentArg;
      this.bodyRuns = bodyRuns;
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void seedPortThatIsNotANumberIsReportedAndLocksFollowTheFailMode(Mode mode) {
    // Deliberately no explicit port: the bad REDIS_PORT is the one the agent must refuse to use.
    RunningJvm app = runToExit(probe().withAgent(agentArgs(mode)).env("REDIS_PORT", "abc"));
    assertConfigError(app, "environment variable REDIS_PORT", "\"abc\"", "a port number from 1 to 65535");
    assertFollowsFailMode(app, mode);
  }

  @Test
  void negativeTimeoutIsReportedAndTheDefaultKeepsLocking() {
    // failMode=closed: the body runs only if the lock is taken.
    RunningJvm app = runToExit(probe()
        .withAgent(testServer() + ",failMode=closed,timeout=-1s")
        .args("await-connected"));
    assertConfigError(app, "agent argument timeout", "\"-1s\"", "a positive duration", "\"30s\"",
        "using the default, 2s");
    assertLocked(app);
  }

  @Test
  void unknownYamlKeyIsAWarningNamingTheClosestKeyAndTheRestOfTheFileApplies() throws IOException {
    Path file = yaml("failMode: closed", "redis:", "  hots: cache.internal");
    RunningJvm app = runToExit(probe().withAgent(testServer() + ",config=" + file).args("await-connected"));
    assertTrue(app.stderrLines().stream().anyMatch(line -> line.startsWith("[distlock] WARN config: " + file + ":3")
        && line.contains("key \"redis.hots\"") && line.contains("did you mean redis.host?")), app.output());
    assertFalse(app.output().contains("[distlock] ERROR"), "no error for an unknown name");
    // failMode=closed came from the same file: the body ran only because the lock was taken.
    assertLocked(app);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void malformedYamlIsReportedWithFileAndLineAndLocksFollowTheFailMode(Mode mode) throws IOException {
    Path file = yaml("logLevel: info", "keyPrefix: jobs", "  timeout: 1s");
    RunningJvm app = runToExit(probe().withAgent(agentArgs(mode, testServer(), "config=" + file)));
    assertConfigError(app, file + ":3", "malformed YAML");
    assertFollowsFailMode(app, mode);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void yamlDeserializationGadgetIsRejectedWithoutInstantiatingAnything(Mode mode) throws IOException {
    try (ServerSocket gadgetTarget = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String gadget = "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
          + " [\"http://127.0.0.1:" + gadgetTarget.getLocalPort() + "/x\"]]]]";
      Path file = yaml("logLevel: info", "redis.host: " + gadget);
      Path classLog = dir.resolve("class-load.log");
      RunningJvm app = runToExit(probe()
          .withAgent(agentArgs(mode, testServer(), "config=" + file))
          .jvmArg("-Xlog:class+load=info:file=" + classLog));

      assertConfigError(app, file + ":2", "YAML tag", "not allowed");
      assertFollowsFailMode(app, mode);
      List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
      // The log must demonstrably cover this JVM's run, including the YAML parsing, to prove an absence.
      assertTrue(mentions(loaded, ConfigProbeApp.class.getName()), "class load log lists the app's class");
      assertTrue(mentions(loaded, "org.yaml.snakeyaml.composer.Composer"), "class load log covers YAML parsing");
      assertFalse(mentions(loaded, "javax.script.ScriptEngineManager"), "the gadget's class was never loaded");
      // The JVM has exited, so any connection it made is already waiting in the backlog.
      gadgetTarget.setSoTimeout(200);
      assertThrows(SocketTimeoutException.class, () -> {
        try (Socket accepted = gadgetTarget.accept()) {
          throw new AssertionError("the gadget's URL was fetched from " + accepted.getRemoteSocketAddress());
        }
      });
    }
  }

  @Test
  void startupLineShowsYamlValuesOverriddenBySystemPropertyEnvironmentAndAgentArguments() throws IOException {
    Path file = yaml(
        "redis:",
        "  host: yaml-host.invalid",
        "  port: 1",
        "keyPrefix: \"yaml:\"",
        "timeout: 1s",
        "connectTimeout: 3s",
        "failMode: closed",
        "defaultTtl: 1m",
        "logLevel: info");
    RunningJvm app = runToExit(probe()
        .withAgent("config=" + file + ",timeout=4500ms")
        .sysProp("distlock.defaultTtl", "45s")
        .env("DISTLOCK_KEY_PREFIX", "env:")
        .env("DISTLOCK_CONNECT_TIMEOUT", "7s")
        .env("REDIS_HOST", redis.host())
        .env("REDIS_PORT", Integer.toString(redis.port()))
        .args("await-connected"));

    String expected = "[distlock] INFO config: redis=redis://" + redis.host() + ":" + redis.port() + "/0"
        + " username=(none) password=(none) keyPrefix=\"env:\" timeout=4500ms connectTimeout=7s failMode=closed"
        + " defaultTtl=45s keepAlive=false history=100runs,7d logLevel=info";
    assertTrue(app.stderrLines().contains(expected), "expected the line\n" + expected + "\nin:\n" + app.output());
    assertNoConfigProblem(app);
    // failMode=closed came from the file: the body ran only because the lock was taken on the server from REDIS_*.
    Map<String, String> results = app.results();
    assertEquals("true", results.get("ran"), app.output());
    assertEquals("true", results.get("held"), app.output());
    try (RespClient client = redis.client()) {
      assertEquals(1, client.commandCalls("set"), "the lock's SET reached the test server");
    }
  }

  private static ForkedJvm probe() {
    return ForkedJvm.main(ConfigProbeApp.class);
  }

  /** The test server, so that a configuration that is unexpectedly valid cannot reach another Redis. */
  private static String testServer() {
    return "redis.url=" + redis.url();
  }

  private static String agentArgs(Mode mode, String... settings) {
    List<String> all = new ArrayList<>(Arrays.asList(settings));
    if (mode.agentArg != null) {
      all.add(mode.agentArg);
    }
    return all.isEmpty() ? null : String.join(",", all);
  }

  private Path yaml(String... lines) throws IOException {
    Path file = dir.resolve("distlock.yml");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private static RunningJvm runToExit(ForkedJvm jvm) {
    try (RunningJvm app = jvm.start()) {
      assertEquals(0, app.awaitExit(RUN), "exit status; output:\n" + app.output());
      return app;
    }
  }

  private static void assertConfigError(RunningJvm app, String... parts) {
    boolean found = app.stderrLines().stream().anyMatch(
        line -> line.startsWith("[distlock] ERROR config: ") && Arrays.stream(parts).allMatch(line::contains));
    assertTrue(found, "expected an ERROR config line with " + Arrays.toString(parts) + " in:\n" + app.output());
  }

  private static void assertLocked(RunningJvm app) {
    Map<String, String> results = app.results();
    assertEquals("true", results.get("ran"), app.output());
    assertEquals("true", results.get("held"), app.output());
    try (RespClient client = redis.client()) {
      assertEquals(1, client.commandCalls("set"), "the lock's SET reached the test server");
    }
  }

  private static void assertFollowsFailMode(RunningJvm app, Mode mode) {
    String failMode = mode == Mode.CLOSED ? "closed" : "open";
    assertTrue(app.stderrLines().contains("[distlock] ERROR config: invalid configuration, distlock will not connect"
            + " to Redis; locked methods follow failMode=" + failMode + " until it is fixed"),
        app.output());
    assertFalse(app.output().contains("[distlock] INFO connected to"), "must not connect with an invalid config");
    // Not a one-off line at start-up that scrolls away: the locked call itself says that it did not lock.
    String notLocking = "[distlock] ERROR distlock is not locking: ";
    assertTrue(app.stderrLines().stream()
            .anyMatch(line -> line.startsWith(notLocking) && line.contains("failMode=" + failMode)),
        app.output());
    Map<String, String> results = app.results();
    assertEquals("true", results.get("done"), app.output());
    assertEquals(mode.bodyRuns ? "true" : null, results.get("ran"), "body ran under failMode=" + failMode);
  }

  // A slow first connect may log a Redis warning on a busy machine; only configuration complaints matter here.
  private static void assertNoConfigProblem(RunningJvm app) {
    for (String line : app.stderrLines()) {
      assertFalse(line.startsWith("[distlock] ERROR") || line.startsWith("[distlock] WARN config:"), line);
    }
  }

  private static boolean mentions(List<String> lines, String text) {
    return lines.stream().anyMatch(line -> line.contains(text));
  }
}
