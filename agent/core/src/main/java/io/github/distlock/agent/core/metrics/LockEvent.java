package io.github.distlock.agent.core.metrics;

/** What can happen to a lock, each counted per key and in total. */
public enum LockEvent {
  /** A call took the lock. */
  ACQUIRED("acquired", "running"),
  /** A call was skipped because another owner held the lock. */
  SKIPPED("skipped", "running"),
  /** Redis was unavailable and the call ran without a lock (fail mode open). */
  FAILED_OPEN("failed_open"),
  /**
   * Redis was unavailable and the call was skipped (fail mode closed, or lastHolder in a JVM that did not hold the
   * lock last).
   */
  FAILED_CLOSED("failed_closed"),
  /** Redis was unavailable and the call ran without a lock, in the JVM that held it last (fail mode lastHolder). */
  FAILED_LAST_HOLDER("failed_last_holder"),
  /** The owner released the lock, or shortened it to lockAtLeastFor. */
  RELEASED("released"),
  /** A keep-alive renewal succeeded. */
  RENEWED("renewed"),
  /** The lock was found gone or taken over while its body ran. */
  LOST("lost"),
  /** A release or renewal failed to reach Redis. */
  ERROR("errors"),
  /** The advice woven into a locked method failed; the call went on without it. */
  ADVICE_ERROR("advice_errors"),
  /** A call was skipped while the lock's holder had held it long enough to look stuck (one per holder). */
  STUCK_SEEN("stuck_seen", "stuck");

  private final String metricName;
  private final String stateSeen;

  LockEvent(String metricName) {
    this(metricName, null);
  }

  LockEvent(String metricName, String stateSeen) {
    this.metricName = metricName;
    this.stateSeen = stateSeen;
  }

  /** The key's state as the event shows it to this JVM ({@code running}, {@code stuck}), or {@code null}. */
  String stateSeen() {
    return stateSeen;
  }

  /**
   * The counter's name in Prometheus without {@code distlock_} and {@code _total}, the same from Micrometer and
   * from the JMX exporter's rules file: {@code failed_open} for {@code distlock_failed_open_total}.
   */
  public String metricName() {
    return metricName;
  }
}
