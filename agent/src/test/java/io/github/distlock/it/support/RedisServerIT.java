package io.github.distlock.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves that {@link RedisServer} and {@link RespClient} behave as the integration tests rely on. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisServerIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  @RegisterExtension static final RedisServer secured = RedisServer.withPassword("s3cret");

  @Test
  void clientReadsAndWritesKeys() {
    try (RespClient client = redis.client()) {
      assertEquals("OK", client.set("a", "1"));
      assertEquals("1", client.get("a"));
      assertEquals(2, client.incr("a"));
      assertTrue(client.exists("a"));
      assertNull(client.get("missing"));
      assertEquals(-2, client.pttl("missing"));
      assertTrue(client.setNxPx("lock", "owner-1", 60_000));
      assertFalse(client.setNxPx("lock", "owner-2", 60_000));
      assertEquals("owner-1", client.get("lock"));
      long pttl = client.pttl("lock");
      assertTrue(pttl > 0 && pttl <= 60_000, "pttl " + pttl);
      assertEquals(List.of("a", "lock"), client.keys("*").stream().sorted().toList());
      assertEquals(2, client.del("a", "lock", "missing"));
      assertEquals("ü€", client.command("ECHO", "ü€"));
      RespClient.RedisErrorException error =
          assertThrows(RespClient.RedisErrorException.class, () -> client.command("INCRBY", "a", "x"));
      assertTrue(error.getMessage().startsWith("ERR"), error.getMessage());
      assertEquals("PONG", client.command("PING"));
    }
  }

  @Test
  void errorsInsideATransactionStayInTheReplyList() {
    try (RespClient client = redis.client()) {
      client.set("text", "abc");
      client.command("MULTI");
      client.command("INCR", "text");
      client.command("GET", "text");
      List<?> replies = (List<?>) client.command("EXEC");
      assertInstanceOf(RespClient.RedisErrorException.class, replies.get(0));
      assertEquals("abc", replies.get(1));
    }
  }

  @Test
  void commandCallsCountsThisTestsCommands() {
    try (RespClient client = redis.client()) {
      assertEquals(0, client.commandCalls("set"));
      client.set("k", "v");
      client.setNxPx("k2", "v", 1000);
      assertEquals(2, client.commandCalls("SET"));
      assertEquals(0, client.commandCalls("no-such-command"));
    }
  }

  @Test
  void misuseIsReported() {
    assertThrows(IllegalStateException.class, redis::start);
    assertThrows(IllegalStateException.class, redis::resume);
    redis.stop();
    redis.stop();
    assertThrows(IllegalStateException.class, redis::pause);
    redis.start();
    assertTrue(redis.isRunning());
  }

  @Test
  void passwordIsRequiredAndNotInTheUrl() {
    assertEquals("s3cret", secured.password());
    assertEquals("redis://127.0.0.1:" + secured.port(), secured.url());
    try (RespClient anonymous = RespClient.connect(secured.host(), secured.port(), null)) {
      RespClient.RedisErrorException error =
          assertThrows(RespClient.RedisErrorException.class, () -> anonymous.get("k"));
      assertTrue(error.getMessage().startsWith("NOAUTH"), error.getMessage());
    }
    try (RespClient client = secured.client()) {
      assertEquals("OK", client.set("k", "v"));
    }
  }

  @Test
  @Order(1)
  void stopClosesThePortAndStartComesBackEmptyOnTheSamePort() {
    int port = redis.port();
    try (RespClient client = redis.client()) {
      client.set("survivor", "no");
    }
    redis.stop();
    assertFalse(redis.isRunning());
    assertThrows(UncheckedIOException.class, redis::client);

    redis.start();
    assertTrue(redis.isRunning());
    assertEquals(port, redis.port());
    try (RespClient client = redis.client()) {
      assertEquals(List.of(), client.keys("*"));
    }
    // Left stopped on purpose: the next test checks that the extension restarts it.
    redis.stop();
  }

  @Test
  @Order(2)
  void eachTestStartsWithARunningServer() {
    assertTrue(redis.isRunning());
    try (RespClient client = redis.client()) {
      assertEquals("PONG", client.command("PING"));
    }
  }

  @Test
  @Order(3)
  void pauseFreezesTheServerUntilResume() {
    try (RespClient client = RespClient.connect(redis.host(), redis.port(), null, Duration.ofMillis(500))) {
      redis.pause();
      assertFalse(redis.isRunning());
      UncheckedIOException timeout = assertThrows(UncheckedIOException.class, () -> client.command("PING"));
      assertInstanceOf(SocketTimeoutException.class, timeout.getCause());
    }
    redis.resume();
    try (RespClient client = redis.client()) {
      assertEquals("PONG", client.command("PING"));
    }
    // Left paused on purpose: the next test checks that the extension resumes it.
    redis.pause();
  }

  @Test
  @Order(4)
  void eachTestStartsWithAnAnsweringServerAfterAPause() {
    assertTrue(redis.isRunning());
    try (RespClient client = RespClient.connect(redis.host(), redis.port(), null, Duration.ofMillis(500))) {
      assertEquals("PONG", client.command("PING"));
    }
  }

  @Test
  @Order(5)
  void stopWorksOnAPausedServer() {
    redis.pause();
    redis.stop();
    assertFalse(redis.isRunning());
    redis.start();
    assertTrue(redis.isRunning());
  }
}
