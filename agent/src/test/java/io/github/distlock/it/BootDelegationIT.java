package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.BootDelegationApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Locked methods in a class loader that does not link distlock's bridge (OSGi or JBoss Modules without boot
 * delegation): the fail mode decides every call, and one error per method names it, the loader and the fix.
 */
class BootDelegationIT {

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String JOB = "io.github.distlock.it.apps.BootDelegationJob";
  private static final List<String> METHODS = List.of("run", "optional", "number");
  private static final String CLOSED = "failMode=closed: every call is skipped";
  private static final String OPEN = "failMode=open: every call runs without a lock";
  private static final String MISSING = "cannot see io.github.distlock.bootstrap.LockBridge";

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void aHiddenBridgeWithFailModeClosedSkipsEveryCallAndReportsEachMethodOnce() {
    try (RunningJvm app = run("hide", "closed")) {
      assertEquals("none", app.results().get("bridgeSeen"), "the loader hides the bridge");
      assertSkippedEveryCall(app.results());
      assertReportedOnce(app, MISSING, CLOSED, "org.osgi.framework.bootdelegation", "jboss.modules.system.pkgs");
    }
  }

  @Test
  void aHiddenBridgeWithFailModeOpenRunsEveryCallAndReportsEachMethodOnce() {
    try (RunningJvm app = run("hide", "open")) {
      assertEquals("none", app.results().get("bridgeSeen"), "the loader hides the bridge");
      assertRanEveryCall(app.results());
      assertReportedOnce(app, MISSING, OPEN, "org.osgi.framework.bootdelegation", "jboss.modules.system.pkgs");
    }
  }

  /** No lock can ever be taken there, so no JVM can have held it last. */
  @Test
  void aHiddenBridgeWithFailModeLastHolderSkipsEveryCallAndReportsEachMethodOnce() {
    try (RunningJvm app = run("hide", "lastHolder")) {
      assertEquals("none", app.results().get("bridgeSeen"), "the loader hides the bridge");
      assertSkippedEveryCall(app.results());
      assertReportedOnce(app, MISSING, "failMode=lastHolder: every call is skipped",
          "org.osgi.framework.bootdelegation");
    }
  }

  /** A copy of the bridge never gets the agent's runtime: it must not decide the calls either. */
  @Test
  void aCopyOfTheBridgeWithFailModeClosedSkipsEveryCallAndIsReported() {
    try (RunningJvm app = run("own_copy", "closed")) {
      assertEquals("copy", app.results().get("bridgeSeen"), "the loader has its own bridge");
      assertSkippedEveryCall(app.results());
      assertReportedOnce(app, "loads its own copy of io.github.distlock.bootstrap.LockBridge", CLOSED,
          "remove distlock-agent.jar from the application's class path");
    }
  }

  /**
   * The advice's own guard, for a bridge call that fails only when the code runs: here the loader still delegates
   * while the agent instruments the class, and refuses afterwards.
   */
  @Test
  void aBridgeCallFailingAtRunTimeFollowsFailModeClosed() {
    try (RunningJvm app = run("hide_after_definition", "closed")) {
      assertEquals("none", app.results().get("bridgeSeen"), "the loader hides the bridge at run time");
      assertSkippedEveryCall(app.results());
    }
  }

  @Test
  void aBridgeCallFailingAtRunTimeFollowsFailModeOpen() {
    try (RunningJvm app = run("hide_after_definition", "open")) {
      assertEquals("none", app.results().get("bridgeSeen"), "the loader hides the bridge at run time");
      assertRanEveryCall(app.results());
    }
  }

  private static void assertSkippedEveryCall(Map<String, String> results) {
    assertEquals("blocking", results.get("definedBy"));
    assertEquals("0", results.get("runs"), "no body ran");
    assertEquals("Optional.empty", results.get("optional"), "a skipped Optional method returns empty");
    assertEquals("0", results.get("number"), "a skipped int method returns 0");
  }

  private static void assertRanEveryCall(Map<String, String> results) {
    assertEquals("blocking", results.get("definedBy"));
    assertEquals("9", results.get("runs"), "every body ran");
    assertEquals("Optional[body]", results.get("optional"));
    assertEquals("42", results.get("number"));
  }

  private static void assertReportedOnce(RunningJvm app, String... parts) {
    for (String method : METHODS) {
      String name = JOB + "#" + method;
      List<String> errors = app.lines().stream()
          .filter(line -> line.startsWith("[distlock] ERROR " + name + ":"))
          .toList();
      assertEquals(1, errors.size(), "one error for " + name + ": " + errors);
      assertTrue(errors.get(0).contains("BridgeBlockingLoader"), "names the loader: " + errors.get(0));
      for (String part : parts) {
        assertTrue(errors.get(0).contains(part), "says '" + part + "': " + errors.get(0));
      }
    }
    assertTrue(app.lines().stream().noneMatch(line -> line.contains("could not instrument")), "instrumented");
  }

  private static RunningJvm run(String bridge, String failMode) {
    RunningJvm app = ForkedJvm.main(BootDelegationApp.class)
        .withAgent("redis.url=" + redis.url() + ",failMode=" + failMode)
        .args(bridge)
        .start();
    assertEquals(0, app.awaitExit(RUN), "exit status");
    return app;
  }
}
