package io.github.distlock.agent.core.config;

import java.time.Duration;

/**
 * How much run history each lock key keeps in Redis: its newest {@code runs} entries, trimmed back to that once it
 * has an eighth more (trimming on every release would cost every release a command), and none once the key has had
 * no run for {@code maxAge}. Either at zero turns recording off.
 */
public final class HistoryRetention {

  static final HistoryRetention DEFAULT = new HistoryRetention(100, Duration.ofDays(7));

  private final int runs;
  private final Duration maxAge;

  public HistoryRetention(int runs, Duration maxAge) {
    this.runs = runs;
    this.maxAge = maxAge;
  }

  /** Entries kept per key. */
  public int runs() {
    return runs;
  }

  /** The length above which a history is trimmed back to {@link #runs()}. */
  public int trimAbove() {
    return runs + Math.max(1, runs / 8);
  }

  /** How long a key's history outlives its last run. */
  public Duration maxAge() {
    return maxAge;
  }

  public boolean isOff() {
    return runs == 0 || maxAge.isZero();
  }

  /** As the configuration is printed. */
  public String describe() {
    return isOff() ? "off" : runs + " runs, " + Durations.format(maxAge);
  }
}
