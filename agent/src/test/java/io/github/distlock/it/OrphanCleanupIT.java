package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.FailModeApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import io.github.distlock.it.support.TcpProxy;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lock this JVM could not clean up while the connection was down is cleaned up once Redis answers again, long
 * before its ttl: otherwise every replica, this one included, skips the job until the ttl ends. Redis keeps its data
 * throughout; only the connection between the agent and Redis (a proxy) fails.
 */
class OrphanCleanupIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final String KEY = FailModeApp.KEY;
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(20);
  // The job's ttl is 60 s: a key gone within this much after the connection is back was deleted, not expired.
  private static final Duration CLEANED_WITHIN = Duration.ofSeconds(10);

  @Test
  void aSetWhoseReplyWasLostWithTheConnectionIsDeletedOnceRedisAnswersAgain() {
    try (TcpProxy proxy = TcpProxy.to(redis.host(), redis.port());
        RespClient client = redis.client();
        RunningJvm app = start(proxy, "timeout=15s")) {
      // The first call meets the agent before it has connected: it waits for the connection within the budget.
      assertEquals("ran-locked", call(app, 1));
      // Its release is sent without waiting for the reply: let it land, so that the key seen below is the next SET's.
      Await.until("the first call's lock to be released", STEP, () -> !client.exists(KEY));

      proxy.swallowReplies();
      app.writeLine("call");
      Await.until("the SET to be executed by Redis", STEP, () -> client.exists(KEY));
      // Redis holds the lock; the agent never hears so, and now loses the connection too.
      proxy.cut();
      assertEquals("ran-unlocked", result(app, "call.2"), "failMode=open: the reply was lost, the body ran");
      assertTrue(client.exists(KEY), "the SET was executed: without cleanup its key would stay for 60 s");

      proxy.restore();
      Await.until("the orphan lock to be deleted after the reconnect", CLEANED_WITHIN, () -> !client.exists(KEY));
      app.writeLine("call");
      assertEquals("ran-locked", result(app, "call.3"), "the job is not blocked by its own orphan");
    }
  }

  @Test
  void aReleaseThatCouldNotBeSentIsSentOnceRedisAnswersAgain() {
    try (TcpProxy proxy = TcpProxy.to(redis.host(), redis.port());
        RespClient client = redis.client();
        RunningJvm app = start(proxy, "timeout=2s")) {
      app.writeLine("hold");
      app.awaitLine("^HOLDING$", STARTUP);
      assertTrue(client.exists(KEY));
      proxy.cut();
      app.writeLine("go");
      assertEquals("ran-locked", result(app, "call.1"));
      assertTrue(client.exists(KEY), "the release could not be sent: the lock is still in Redis");

      proxy.restore();
      Await.until("the release to be sent after the reconnect", CLEANED_WITHIN, () -> !client.exists(KEY));
      app.writeLine("call");
      assertEquals("ran-locked", result(app, "call.2"), "the job is not blocked by its own earlier lock");
    }
  }

  private static RunningJvm start(TcpProxy proxy, String agentArgs) {
    return ForkedJvm.main(FailModeApp.class).name("orphan")
        .withAgent("redis.url=" + proxy.url() + "," + agentArgs)
        .start();
  }

  private static String call(RunningJvm app, int n) {
    app.writeLine("call");
    String line = app.awaitLine("^RESULT " + Pattern.quote("call." + n) + "=", STARTUP);
    return line.substring(line.indexOf('=') + 1);
  }

  private static String result(RunningJvm app, String name) {
    String line = app.awaitLine("^RESULT " + Pattern.quote(name) + "=", STEP);
    return line.substring(line.indexOf('=') + 1);
  }
}
