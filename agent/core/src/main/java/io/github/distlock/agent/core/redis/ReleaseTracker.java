package io.github.distlock.agent.core.redis;

import java.util.concurrent.TimeUnit;

/** Counts releases sent and not yet answered, so that shutdown can wait, bounded, until none is in flight. */
final class ReleaseTracker {

  private int inFlight;

  synchronized void sent() {
    inFlight++;
  }

  synchronized void landed() {
    if (--inFlight == 0) {
      notifyAll();
    }
  }

  /** Waits until no release is in flight or {@code deadlineNanos} passes; keeps an interrupt for the caller. */
  synchronized void awaitNone(long deadlineNanos) {
    boolean interrupted = false;
    long left;
    while (inFlight > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
