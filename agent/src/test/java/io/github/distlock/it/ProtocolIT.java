package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ProtocolApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lock protocol as Redis sees it: the acquire is one plain {@code SET NX PX}, fencing tokens are drawn only
 * when a body asks for one and only while the lock is still its own, and every key lies under the key prefix, so
 * an ACL user limited to that prefix can lock.
 */
class ProtocolIT {

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final String LOST = "IllegalStateException: no fencing token: the lock has expired or been taken"
      + " over by another owner";

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @Test
  void aBusyLockCostsOneSetAndNoScriptAndABodyWithoutFencingMakesNoFenceKey() {
    int calls = 20;
    try (RespClient client = redis.client();
        RunningJvm app = start("keyPrefix=it:")) {
      client.setNxPx("it:busy", "another-owner", 60_000);
      app.awaitLine("^READY", STARTUP);
      long setsBefore = client.commandCalls("set");
      long scriptsBefore = scriptCalls(client);

      app.writeLine("busy " + calls);
      app.awaitLine("^DONE 1", STEP);
      assertEquals("0", app.results().get("busyRuns.1"), "every call skipped: the lock is held elsewhere");
      assertEquals(calls, client.commandCalls("set") - setsBefore, "one SET per busy call");
      assertEquals(0, scriptCalls(client) - scriptsBefore, "no script on the acquire path");
      assertEquals("another-owner", client.get("it:busy"));

      app.writeLine("plain");
      app.awaitLine("^DONE 2", STEP);
      assertEquals("true", app.results().get("plainLocked.2"));
      assertEquals(calls + 1, client.commandCalls("set") - setsBefore, "one SET for the free lock");
      app.writeLine("exit");
      app.awaitExit(STEP);
      assertEquals(List.of("it:busy", "it:{it:plain}:runs"), client.keys("*").stream().sorted().toList(),
          "the free lock was released, its run recorded, and no fence key was made");
    }
  }

  @Test
  void anAclUserWithoutEvalshaGetsAWarningThatNamesTheCommandToGrant() {
    // Redis 6.2 adds "or its subcommand" to the refusal; the hint follows it either way.
    assertReleaseWarns("evalsha", "(NOPERM this user has no permissions to run the 'evalsha' command",
        "; grant the ACL user +evalsha (README, Deployments: the ACL distlock needs)");
  }

  @Test
  void anAclUserWhoseScriptsCannotDeleteGetsAWarningThatNamesTheCommandsToGrant() {
    assertReleaseWarns("del", "; distlock's scripts run GET, DEL, PEXPIRE and INCR: grant the ACL user +get +del"
        + " +pexpire +incr (README, Deployments: the ACL distlock needs)");
  }

  private static void assertReleaseWarns(String missing, String... parts) {
    String password = "acl-Secret-9";
    try (RespClient client = redis.client()) {
      client.command("ACL", "SETUSER", "short", "reset", "on", ">" + password, "~myapp:*", "resetchannels",
          "-@all", "+set", "+get", "+del", "+pexpire", "+incr", "+evalsha", "+eval", "+script|load", "-" + missing);
      try (RunningJvm app = ForkedJvm.main(ProtocolApp.class)
          .withAgent("redis.url=" + redis.url() + ",redis.username=short,keyPrefix=myapp:")
          .env("DISTLOCK_REDIS_PASSWORD", password)
          .start()) {
        app.awaitLine("^READY", STARTUP);
        app.writeLine("plain");
        app.awaitLine(line -> line.startsWith("[distlock] WARN Redis unavailable: release of myapp:plain failed")
            && Arrays.stream(parts).allMatch(line::contains), STEP);
        app.writeLine("exit");
        app.awaitExit(STEP);
        assertFalse(app.output().contains(password), "no secret in the output");
      } finally {
        client.command("ACL", "DELUSER", "short");
      }
    }
  }

  @Test
  void anAclUserWithoutTheRunHistorysCommandsGetsOneWarningNamingThemAndLocksAsBefore() {
    String password = "acl-Secret-9";
    try (RespClient client = redis.client()) {
      // The minimal ACL before run history: no LPUSH, LTRIM or LRANGE.
      client.command("ACL", "SETUSER", "older", "reset", "on", ">" + password, "~myapp:*", "resetchannels",
          "-@all", "+set", "+get", "+del", "+pexpire", "+incr", "+evalsha", "+eval", "+script|load");
      try (RunningJvm app = ForkedJvm.main(ProtocolApp.class)
          .withAgent("redis.url=" + redis.url() + ",redis.username=older,keyPrefix=myapp:")
          .env("DISTLOCK_REDIS_PASSWORD", password)
          .start()) {
        app.awaitLine("^READY", STARTUP);
        for (int n = 1; n <= 3; n++) {
          app.writeLine("plain");
          app.awaitLine("^DONE " + n, STEP);
          assertEquals("true", app.results().get("plainLocked." + n), "call " + n + " ran locked");
          Await.until("lock released after call " + n, STEP, () -> !client.exists("myapp:plain"));
        }
        app.writeLine("exit");
        app.awaitExit(STEP);
        List<String> warnings = app.lines().stream().filter(line -> line.contains("[distlock] WARN")).toList();
        assertEquals(1, warnings.size(), app.output());
        assertTrue(warnings.get(0).contains("run history is off: Redis refused to record a run")
            && warnings.get(0).contains("Grant +lpush +ltrim +pexpire on ~myapp:*"), warnings.get(0));
        assertFalse(app.output().contains(password), "no secret in the output");
      } finally {
        client.command("ACL", "DELUSER", "older");
      }
    }
  }

  @Test
  void anAclUserLimitedToTheKeyPrefixLocksAndDrawsIncreasingFencingTokens() {
    String password = "acl-Secret-9";
    try (RespClient client = redis.client()) {
      // README's minimal ACL, exactly.
      client.command("ACL", "SETUSER", "app", "reset", "on", ">" + password, "~myapp:*", "resetchannels",
          "-@all", "+set", "+get", "+del", "+pexpire", "+incr", "+lpush", "+ltrim", "+lrange", "+evalsha", "+eval",
          "+script|load");
      try (RunningJvm app = ForkedJvm.main(ProtocolApp.class)
          .withAgent("redis.url=" + redis.url() + ",redis.username=app,keyPrefix=myapp:")
          .env("DISTLOCK_REDIS_PASSWORD", password)
          .start()) {
        app.awaitLine("^READY", STARTUP);
        long previous = 0;
        for (int n = 1; n <= 3; n++) {
          app.writeLine("fence");
          app.awaitLine("^HOLDING " + n, STEP);
          app.writeLine("draw");
          app.awaitLine("^DONE " + n, STEP);
          assertEquals("true", app.results().get("fenceLocked." + n), "call " + n + " ran locked");
          long token = Long.parseLong(app.results().get("fence." + n));
          assertTrue(token > previous, "call " + n + ": token " + token + " after " + previous);
          previous = token;
        }
        app.writeLine("exit");
        app.awaitExit(STEP);
        assertFalse(app.output().contains("NOPERM"), "no command was refused");
        assertFalse(app.output().contains("[distlock] WARN"), "no warning");
        for (String key : client.keys("*")) {
          assertTrue(key.startsWith("myapp:"), "every key under the prefix: " + key);
        }
      } finally {
        client.command("ACL", "DELUSER", "app");
      }
    }
  }

  @Test
  void aBodyWhoseLockWasTakenOverOrExpiredGetsNoFencingTokenAndALaterBodyGetsALargerOne() {
    try (RespClient client = redis.client();
        RunningJvm app = start("keyPrefix=it:")) {
      app.awaitLine("^READY", STARTUP);
      long first = drawnToken(app, 1);

      app.writeLine("fence");
      app.awaitLine("^HOLDING 2", STEP);
      client.set("it:fenced", "another-owner");
      app.writeLine("draw");
      app.awaitLine("^DONE 2", STEP);
      assertEquals(LOST, app.results().get("fence.2"), "taken over");
      assertEquals("another-owner", client.get("it:fenced"), "the new owner's lock is left alone");
      client.del("it:fenced");

      app.writeLine("fence");
      app.awaitLine("^HOLDING 3", STEP);
      Await.until("the " + ProtocolApp.FENCED_TTL + " lock to expire", STEP, () -> !client.exists("it:fenced"));
      app.writeLine("draw");
      app.awaitLine("^DONE 3", STEP);
      assertEquals(LOST, app.results().get("fence.3"), "expired");

      long later = drawnToken(app, 4);
      assertTrue(later > first, "a later body's token " + later + " exceeds the earlier " + first);
      app.writeLine("exit");
      app.awaitExit(STEP);
      assertNull(client.get("it:fenced"), "released");
    }
  }

  /** Runs command {@code n}, a {@code fence} whose lock nobody touches, and returns its token. */
  private static long drawnToken(RunningJvm app, int n) {
    app.writeLine("fence");
    app.awaitLine("^HOLDING " + n, STEP);
    app.writeLine("draw");
    app.awaitLine("^DONE " + n, STEP);
    return Long.parseLong(app.results().get("fence." + n));
  }

  private static RunningJvm start(String agentArgs) {
    return ForkedJvm.main(ProtocolApp.class).withAgent("redis.url=" + redis.url() + "," + agentArgs).start();
  }

  private static long scriptCalls(RespClient client) {
    return client.commandCalls("evalsha") + client.commandCalls("eval") + client.commandCalls("fcall");
  }
}
