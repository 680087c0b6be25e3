package io.github.distlock.agent.core.metrics;

import java.beans.ConstructorProperties;

/** A snapshot of one key's counters, as JMX clients see it (an open-type composite of the getters). */
public final class LockStats {

  private final long acquired;
  private final long skipped;
  private final long failedOpen;
  private final long failedClosed;
  private final long failedLastHolder;
  private final long released;
  private final long renewed;
  private final long lost;
  private final long errors;
  private final long adviceErrors;
  private final long stuckSeen;
  private final long lastAcquireMicros;
  private final long lastHoldMillis;
  private final long lastRunStartedAtMillis;
  private final String lastRunOutcome;
  private final String state;

  @ConstructorProperties({"acquired", "skipped", "failedOpen", "failedClosed", "failedLastHolder", "released",
      "renewed", "lost", "errors", "adviceErrors", "stuckSeen", "lastAcquireMicros", "lastHoldMillis",
      "lastRunStartedAtMillis", "lastRunOutcome", "state"})
  public LockStats(long acquired, long skipped, long failedOpen, long failedClosed, long failedLastHolder,
      long released, long renewed, long lost, long errors, long adviceErrors, long stuckSeen,
      long lastAcquireMicros, long lastHoldMillis, long lastRunStartedAtMillis, String lastRunOutcome,
      String state) {
    this.acquired = acquired;
    this.skipped = skipped;
    this.failedOpen = failedOpen;
    this.failedClosed = failedClosed;
    this.failedLastHolder = failedLastHolder;
    this.released = released;
    this.renewed = renewed;
    this.lost = lost;
    this.errors = errors;
    this.adviceErrors = adviceErrors;
    this.stuckSeen = stuckSeen;
    this.lastAcquireMicros = lastAcquireMicros;
    this.lastHoldMillis = lastHoldMillis;
    this.lastRunStartedAtMillis = lastRunStartedAtMillis;
    this.lastRunOutcome = lastRunOutcome;
    this.state = state;
  }

  /** Calls that took the lock. */
  public long getAcquired() {
    return acquired;
  }

  /** Calls skipped because another owner held the lock. */
  public long getSkipped() {
    return skipped;
  }

  /** Calls that ran without a lock because Redis was unavailable and the fail mode is open. */
  public long getFailedOpen() {
    return failedOpen;
  }

  /**
   * Calls skipped because Redis was unavailable and the fail mode is closed, or is lastHolder and this JVM did not
   * hold the lock last.
   */
  public long getFailedClosed() {
    return failedClosed;
  }

  /**
   * Calls that ran without a lock because Redis was unavailable, the fail mode is lastHolder and this JVM held the
   * lock last.
   */
  public long getFailedLastHolder() {
    return failedLastHolder;
  }

  /** Locks released (or shortened to lockAtLeastFor) by their owner. */
  public long getReleased() {
    return released;
  }

  /** Successful keep-alive renewals. */
  public long getRenewed() {
    return renewed;
  }

  /** Locks found gone or taken over while their body ran. */
  public long getLost() {
    return lost;
  }

  /** Releases or renewals that failed to reach Redis. */
  public long getErrors() {
    return errors;
  }

  /**
   * Failures of the advice woven into the key's locked methods, each suppressed so that the call went on: an agent
   * bug, or an application library the advice cannot work with. Zero in a healthy JVM.
   */
  public long getAdviceErrors() {
    return adviceErrors;
  }

  /**
   * Calls skipped while the lock's holder had held it for longer than three ttls and three times its longest recent
   * run: counted once per holder. Non-zero means a run may hang and keep every replica skipping.
   */
  public long getStuckSeen() {
    return stuckSeen;
  }

  /** When this JVM's latest recorded run on the key started, in epoch milliseconds; -1 before the first. */
  public long getLastRunStartedAtMillis() {
    return lastRunStartedAtMillis;
  }

  /** How this JVM's latest run on the key ended: {@code ok}, {@code failed} or {@code lost}; empty before the first. */
  public String getLastRunOutcome() {
    return lastRunOutcome;
  }

  /**
   * The key's state as this JVM last saw it, in {@code jobs}' words: {@code running} (it took or found the lock
   * held), {@code stuck} (it saw the holder stuck), {@code ok} or {@code failed} (how its own latest run ended);
   * empty before any call.
   */
  public String getState() {
    return state;
  }

  /** The duration of the latest successful acquire, in microseconds; -1 before the first. */
  public long getLastAcquireMicros() {
    return lastAcquireMicros;
  }

  /** How long the latest released lock was held, in milliseconds; -1 before the first. */
  public long getLastHoldMillis() {
    return lastHoldMillis;
  }
}
