package io.github.distlock.agent.core.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts what happens to each lock, in total and per key, for {@link LocksMXBean}. Every method is cheap enough for
 * the locked-call path: a map lookup and a couple of adder increments.
 */
public final class LockMetrics implements LocksMXBean {

  private final KeyStats total = new KeyStats();
  private final ConcurrentMap<String, KeyStats> byKey = new ConcurrentHashMap<>();

  public void acquired(String key, long acquireNanos) {
    KeyStats stats = stats(key);
    stats.acquired.increment();
    total.acquired.increment();
    long micros = TimeUnit.NANOSECONDS.toMicros(acquireNanos);
    stats.lastAcquireMicros.set(micros);
    total.lastAcquireMicros.set(micros);
  }

  public void skipped(String key) {
    stats(key).skipped.increment();
    total.skipped.increment();
  }

  public void failedOpen(String key) {
    stats(key).failedOpen.increment();
    total.failedOpen.increment();
  }

  public void failedClosed(String key) {
    stats(key).failedClosed.increment();
    total.failedClosed.increment();
  }

  public void released(String key, long holdNanos) {
    KeyStats stats = stats(key);
    stats.released.increment();
    total.released.increment();
    long millis = TimeUnit.NANOSECONDS.toMillis(holdNanos);
    stats.lastHoldMillis.set(millis);
    total.lastHoldMillis.set(millis);
  }

  public void renewed(String key) {
    stats(key).renewed.increment();
    total.renewed.increment();
  }

  public void lost(String key) {
    stats(key).lost.increment();
    total.lost.increment();
  }

  public void error(String key) {
    stats(key).errors.increment();
    total.errors.increment();
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
    return stats != null ? stats : byKey.computeIfAbsent(key, k -> new KeyStats());
  }
}
