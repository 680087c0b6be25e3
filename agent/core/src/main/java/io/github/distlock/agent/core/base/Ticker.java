package io.github.distlock.agent.core.base;

/**
 * The monotonic clock the lock side reads: {@link System#nanoTime()} in the agent, a clock a test moves by hand
 * when it checks the call state machine's timing (pace, {@code lockAtLeastFor}, expiry) without waiting.
 */
public interface Ticker {

  /** The JVM's own monotonic clock. */
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean anything, and the value may be negative. */
  long nanoTime();
}
