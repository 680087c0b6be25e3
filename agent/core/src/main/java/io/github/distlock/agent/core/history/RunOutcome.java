package io.github.distlock.agent.core.history;

import java.util.Locale;

/** How a locked run ended, as recorded: the body returned, threw, or ran on a lock it no longer held at the end. */
public enum RunOutcome {
  OK,
  FAILED,
  /** The lock had expired or been taken over before the run ended: another replica may have run meanwhile. */
  LOST;

  /** The name in run records and in {@code jobs --json}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome with this {@link #wireName()}, or {@code null}. */
  public static RunOutcome fromWire(String name) {
    for (RunOutcome outcome : values()) {
      if (outcome.wireName().equals(name)) {
        return outcome;
      }
    }
    return null;
  }
}
