package io.github.distlock.agent.core.history;

import java.util.Locale;

/** A lock key's state as {@code jobs} and the dashboard show it; see {@link JobStatus} for the rules. */
public enum JobState {
  RUNNING(false),
  OK(false),
  /** The last run threw, or lost its lock before it ended. */
  FAILED(true),
  /** Held by nobody, and no run started for more than twice the key's typical interval. */
  OVERDUE(true),
  /** Held by the same owner for longer than three ttls and three times the longest recent run. */
  STUCK(true),
  /** Too few runs recorded to tell whether the job keeps its pace. */
  UNKNOWN(false);

  private final boolean alarming;

  JobState(boolean alarming) {
    this.alarming = alarming;
  }

  /** Whether an operator should look: the state makes {@code jobs} exit with status 1. */
  public boolean isAlarming() {
    return alarming;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
