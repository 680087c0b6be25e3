package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends keepAlive bodies just as their renewal is due, so that the exit's {@code lockAtLeastFor} shortening and a
 * renewal are sent at the same moment. {@link #race} has a ttl of {@value #TTL_MILLIS} ms, renewed every third of
 * it, and a {@code lockAtLeastFor} a little longer than that third, so an exit right after the first renewal
 * shortens the lock to a millisecond or two instead of deleting it. After {@code READY} and a {@code go} line, runs
 * the number of bodies given as the argument, each ending a little later after its first renewal was due than the
 * one before, and prints {@code DONE}.
 */
public final class RenewalRaceApp {

  /** The ttl of {@link #race}, the ms argument of each of its renewals. */
  public static final long TTL_MILLIS = 30;

  private static final long RENEWAL_NANOS = TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS / 3);
  // The renewal thread wakes anywhere from a few to a few hundred microseconds after its due time; the bodies
  // sweep past it.
  private static final long STEP_NANOS = 3_000;
  private static final int STEPS = 100;
  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(300);
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private RenewalRaceApp() {}

  public static void main(String[] args) {
    int bodies = Integer.parseInt(args[0]);
    System.out.println("READY");
    AppSupport.readCommand();
    for (int i = 0; i < bodies; i++) {
      long lateBy = (i % STEPS) * STEP_NANOS;
      // The previous body's lock stays until its lockAtLeastFor has passed.
      while (!race(lateBy)) {
        LockSupport.parkNanos(RETRY_NANOS);
      }
    }
    System.out.println("DONE");
  }

  /** Returns {@code true} when the body ran, {@code lateByNanos} after its first renewal was due. */
  @DistributedLock(key = "race", ttl = "" + TTL_MILLIS, lockAtLeastFor = "12", keepAlive = true)
  static boolean race(long lateByNanos) {
    long end = System.nanoTime() + RENEWAL_NANOS + lateByNanos;
    LockSupport.parkNanos(end - SPIN_NANOS - System.nanoTime());
    // Parking wakes too late by more than the step; spinning ends the body when asked.
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
    return true;
  }
}
