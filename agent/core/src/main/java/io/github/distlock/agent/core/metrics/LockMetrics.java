package io.github.distlock.agent.core.metrics;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.history.JobState;
import io.github.distlock.agent.core.history.RunOutcome;
import io.github.distlock.agent.core.history.RunRecord;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts what happens to each lock, in total and per key, for {@link LocksMXBean} and, in an application with
 * Micrometer, its global registry. Every method is cheap enough for
 * the locked-call path: a map lookup and a couple of adder increments.
 */
public final class LockMetrics implements LocksMXBean {

  /**
   * Keys counted one by one. Keys built from arguments ({@code "report:{tenant}"}) are as many as the values passed;
   * beyond this many, further keys share the {@link #OTHER_KEYS} entry, so the map cannot grow without bound.
   */
  static final int MAX_KEYS = 1_000;
  static final String OTHER_KEYS = "(other keys)";

  private final KeyStats total = new KeyStats();
  private final ConcurrentMap<String, KeyStats> byKey = new ConcurrentHashMap<>();
  private final MicrometerMeters micrometer;

  /** @param log for Micrometer's meters, which are published when the application has Micrometer */
  public LockMetrics(AgentLog log) {
    this.micrometer = new MicrometerMeters(log);
  }

  public void count(LockEvent event, String key) {
    stats(key).count(event);
    total.count(event);
  }

  /** Counts an acquisition and remembers how long it took. */
  public void acquired(String key, long acquireNanos) {
    count(LockEvent.ACQUIRED, key);
    long micros = TimeUnit.NANOSECONDS.toMicros(acquireNanos);
    stats(key).lastAcquireMicros.set(micros);
    total.lastAcquireMicros.set(micros);
  }

  /** Counts a release and remembers how long the lock was held. */
  public void released(String key, long holdNanos) {
    count(LockEvent.RELEASED, key);
    long millis = TimeUnit.NANOSECONDS.toMillis(holdNanos);
    stats(key).lastHoldMillis.set(millis);
    total.lastHoldMillis.set(millis);
  }

  /** Remembers how this JVM's latest run on the key ended, as its release's answer told. */
  public void ran(String key, RunRecord run, boolean lockStillOwned) {
    RunOutcome outcome = lockStillOwned ? run.outcome() : RunOutcome.LOST;
    for (KeyStats stats : new KeyStats[] {stats(key), total}) {
      stats.lastRunStartedAtMillis.set(run.startedAtMillis());
      stats.lastRunOutcome.set(outcome.wireName());
      stats.state.set(outcome == RunOutcome.OK ? JobState.OK.wireName() : JobState.FAILED.wireName());
    }
  }

  @Override
  public LockStats getTotal() {
    return total.snapshot();
  }

  @Override
  public Map<String, LockStats> getKeys() {
    Map<String, LockStats> snapshot = new TreeMap<>();
    byKey.forEach((key, stats) -> snapshot.put(key, stats.snapshot()));
    return snapshot;
  }

  private KeyStats stats(String key) {
    KeyStats stats = byKey.get(key);
    if (stats != null) {
      return stats;
    }
    String counted = byKey.size() < MAX_KEYS ? key : OTHER_KEYS;
    KeyStats added = new KeyStats();
    KeyStats raced = byKey.putIfAbsent(counted, added);
    if (raced != null) {
      return raced;
    }
    micrometer.keyAdded(counted, added, byKey);
    return added;
  }
}
