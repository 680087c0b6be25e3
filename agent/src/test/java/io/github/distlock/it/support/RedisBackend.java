package io.github.distlock.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * One way of running a Redis server for {@link RedisServer}: a local process or a container. Implementations keep
 * the port fixed for their whole life, so that a restarted server is reachable at the address clients already have.
 */
abstract class RedisBackend {

  /** How long a (re)start may take before it counts as failed. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  /** How long a stop may take, including the port being released. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

  abstract String host();

  abstract int port();

  /** Starts the stopped server again on the same port and returns once it answers PING. */
  abstract void start();

  /** Terminates the server (resuming it first if paused) and returns once its port is closed. */
  abstract void stop();

  /** Freezes the server: connections stay open and are accepted, but nothing is answered. */
  abstract void pause();

  abstract void resume();

  abstract boolean isPaused();

  /** True when the server is up and not paused. */
  abstract boolean isRunning();

  /** Removes the server for good, whatever state it is in; idempotent and safe to call from a shutdown hook. */
  abstract void destroy();

  /** True when the server answers anything at all to PING, even an authentication error. */
  final boolean answersPing() {
    try (RespClient client = RespClient.connect(host(), port(), null, PROBE_TIMEOUT)) {
      client.command("PING");
      return true;
    } catch (RespClient.RedisErrorException e) {
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** True while something accepts TCP connections on the port. */
  final boolean portOpen() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host(), port()), (int) PROBE_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  final void awaitPortClosed() {
    Await.until("Redis port " + port() + " to close", STOP_TIMEOUT, () -> !portOpen());
  }

  /** A port that was free a moment ago; callers must cope with losing it to someone else before they bind it. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }
}
