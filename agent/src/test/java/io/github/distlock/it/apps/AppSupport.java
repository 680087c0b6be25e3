package io.github.distlock.it.apps;

import io.github.distlock.DistributedLocks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Helpers for the applications that behaviour tests run in forked JVMs. They report through {@code RESULT
 * name=value} lines on standard output and take step-by-step commands from standard input.
 */
public final class AppSupport {

  private static final BufferedReader STDIN =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  private AppSupport() {}

  public static void result(String name, Object value) {
    System.out.println("RESULT " + name + "=" + value);
  }

  /**
   * Waits until the agent has connected to Redis: a cold Lettuce start takes a second or two on a small machine,
   * longer than the lock timeout, and a test of lock behaviour must not race it.
   */
  public static void awaitConnected() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!DistributedLocks.isConnected()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the agent did not connect to Redis within 30 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  /** The next line from standard input, or {@code null} at its end. */
  public static String readCommand() {
    try {
      return STDIN.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the current thread holds a distlock lock, as {@link DistributedLocks#assertLocked()} sees it. */
  public static boolean holdsLock() {
    try {
      DistributedLocks.assertLocked();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
