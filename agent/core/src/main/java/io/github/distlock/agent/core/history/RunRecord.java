package io.github.distlock.agent.core.history;

/**
 * One run of a locked job as its owner reports it when it releases the lock: when it started, how long it took,
 * the lock's ttl, and how it ended. Only the exception's class name is kept, never its message, which may hold
 * data the application would not put in Redis.
 */
public final class RunRecord {

  private final long startedAtMillis;
  private final long durationMillis;
  private final long ttlMillis;
  private final RunOutcome outcome;
  private final String errorClass;

  /** @param errorClass the class of what the run threw, or {@code null} */
  public RunRecord(long startedAtMillis, long durationMillis, long ttlMillis, RunOutcome outcome,
      String errorClass) {
    this.startedAtMillis = startedAtMillis;
    this.durationMillis = durationMillis;
    this.ttlMillis = ttlMillis;
    this.outcome = outcome;
    this.errorClass = errorClass;
  }

  /** Epoch milliseconds, by the owner's clock. */
  public long startedAtMillis() {
    return startedAtMillis;
  }

  public long durationMillis() {
    return durationMillis;
  }

  public long ttlMillis() {
    return ttlMillis;
  }

  public RunOutcome outcome() {
    return outcome;
  }

  /** The class name of what the run threw, or {@code null}. */
  public String errorClass() {
    return errorClass;
  }

  /** The same run, recorded as {@link RunOutcome#LOST}: the store found the lock no longer the owner's. */
  public RunRecord lost() {
    return new RunRecord(startedAtMillis, durationMillis, ttlMillis, RunOutcome.LOST, errorClass);
  }
}
