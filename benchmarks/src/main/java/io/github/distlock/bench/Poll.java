package io.github.distlock.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, checking it every 20 ms, so the harness never sleeps for a guess. */
public final class Poll {

  private static final long INTERVAL_MILLIS = 20;

  private Poll() {}

  /** Whether {@code condition} held before {@code timeout} passed. */
  public static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
    }
    return true;
  }
}
