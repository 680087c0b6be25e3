package io.github.distlock.agent.core.base;

/**
 * The clocks the lock side reads: in the agent, the monotonic {@link System#nanoTime()} for timing and the wall
 * clock for what is recorded; in a test, a clock moved by hand to check the call state machine's timing (pace,
 * {@code lockAtLeastFor}, expiry) without waiting.
 */
public interface Ticker {

  /** The JVM's own monotonic clock. */
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean anything, and the value may be negative. */
  long nanoTime();

  /** The wall clock, for what is shown to people and recorded across the fleet; never for timing. */
  default long epochMillis() {
    return System.currentTimeMillis();
  }
}
