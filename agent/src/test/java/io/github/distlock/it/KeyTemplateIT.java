package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.KeyTemplateApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lock keys built per call from the method's arguments ({@code "report:{tenant}"}, {@code "report:{0}"}): each
 * resulting key is a lock of its own, so tenants do not block each other and one tenant's job runs on one replica.
 */
class KeyTemplateIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);

  @Test
  void eachTenantIsALockOfItsOwnAcrossReplicas() {
    try (RespClient client = redis.client();
        RunningJvm first = start("template-first");
        RunningJvm second = start("template-second")) {
      first.writeLine("hold byName acme");
      first.awaitLine("^HOLDING 1$", STARTUP);
      assertEquals(List.of("it:report:acme"), client.lockKeys("*"), "the key is built from the argument's value");

      second.writeLine("call byName acme");
      assertEquals("skipped", result(second, "call.1", STARTUP), "the same tenant is locked elsewhere");
      second.writeLine("call byName globex");
      assertEquals("ran-locked", result(second, "call.2", STEP), "another tenant is another lock");

      first.writeLine("go");
      assertEquals("ran-locked", result(first, "call.1", STEP));
      Await.until("acme's lock to be released", STEP, () -> !client.exists("it:report:acme"));
      second.writeLine("call byName acme");
      assertEquals("ran-locked", result(second, "call.3", STEP));
    }
  }

  @Test
  void placeholdersByIndexNullAndLiteralBraces() {
    try (RespClient client = redis.client();
        RunningJvm app = start("template-forms")) {
      assertKeyWhileHeld(app, client, "hold byIndex acme", "it:report:acme:7", 1);
      assertKeyWhileHeld(app, client, "hold byName <null>", "it:report:null", 2);
      assertKeyWhileHeld(app, client, "hold hashTag acme", "it:{orders}:acme", 3);
    }
  }

  @Test
  void aNestedCallOnTheSameResultingKeyRunsWithoutASecondAcquire() {
    try (RespClient client = redis.client();
        RunningJvm app = start("template-nested")) {
      app.writeLine("call byName warm-up");
      result(app, "call.1", STARTUP);
      long setsBefore = client.commandCalls("set");
      app.writeLine("call nested acme");
      assertEquals("ran-locked", result(app, "call.2", STEP), "the inner call runs under the outer lock");
      assertEquals(1, client.commandCalls("set") - setsBefore,
          "report:{tenant} and report:{0} make the same key for acme: one acquire for both calls");
      Await.until("the lock to be released by the outermost call", STEP, () -> !client.exists("it:report:acme"));
    }
  }

  @Test
  void anUnknownParameterNameIsAnErrorNamingTheMethodAndTheKeyIsThenLockedAsWritten() {
    try (RespClient client = redis.client();
        RunningJvm app = start("template-unknown")) {
      String error = app.awaitLine(Pattern.quote("[distlock] ERROR ") + ".*KeyTemplateApp#unknownName: "
          + Pattern.quote("@DistributedLock key = \"report:{nope}\" is not valid: {nope} names no parameter"),
          STARTUP);
      assertTrue(error.contains("expected one of [tenant]"), error);
      assertTrue(error.contains("write {{nope}}"), error);
      assertTrue(error.contains("every call locks the one key \"it:report:{nope}\""), error);
      app.writeLine("hold unknownName acme");
      app.awaitLine("^HOLDING 1$", STARTUP);
      assertEquals(List.of("it:report:{nope}"), client.lockKeys("*"),
          "a key written before templates existed (a hash tag) keeps its lock");
      app.writeLine("go");
      assertEquals("ran-locked", result(app, "call.1", STEP));
    }
  }

  private static void assertKeyWhileHeld(RunningJvm app, RespClient client, String command, String key, int call) {
    app.writeLine(command);
    app.awaitLine("^HOLDING " + call + "$", STARTUP);
    assertEquals(List.of(key), client.lockKeys("*"), command);
    app.writeLine("go");
    assertEquals("ran-locked", result(app, "call." + call, STEP), command);
    Await.until(key + " to be released", STEP, () -> !client.exists(key));
  }

  private static RunningJvm start(String name) {
    return ForkedJvm.main(KeyTemplateApp.class).name(name)
        .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:").start();
  }

  private static String result(RunningJvm app, String name, Duration timeout) {
    String line = app.awaitLine("^RESULT " + Pattern.quote(name) + "=", timeout);
    return line.substring(line.indexOf('=') + 1);
  }
}
