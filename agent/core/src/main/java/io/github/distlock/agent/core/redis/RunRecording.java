package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.config.HistoryRetention;
import io.github.distlock.agent.core.history.RunRecord;
import io.github.distlock.agent.core.store.Release;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Whether releases record their runs, and what they send to do it: the history's retention, and the switch that
 * turns recording off, with one warning, when Redis refuses the history's commands. Locking goes on either way.
 */
final class RunRecording {

  /** Added to a release script's answer when Redis refused to record the run. */
  static final long REFUSED = 2;

  private static final int MAX_KEYS = 10_000;

  private final HistoryRetention retention;
  private final String keyPrefix;
  private final AgentLog log;
  private volatile boolean on;
  /** When this JVM last set each history's expiry; another JVM's setting serves as well, so a map per JVM will do. */
  private final ConcurrentMap<String, Long> expirySetAt = new ConcurrentHashMap<>();
  private final long expiryRefreshNanos;

  RunRecording(HistoryRetention retention, String keyPrefix, AgentLog log) {
    this.retention = retention;
    this.keyPrefix = keyPrefix;
    this.log = log;
    this.on = !retention.isOff();
    // Set again every half of maxAge: a history in use can then never expire, yet most releases leave it alone.
    this.expiryRefreshNanos = retention.maxAge().toNanos() / 2;
  }

  /** Whether this release is to record its run. */
  boolean records(Release release) {
    return on && release.run() != null;
  }

  String[] keys(Release release) {
    return new String[] {release.key(), CompanionKeys.runs(keyPrefix, release.key())};
  }

  String[] args(Release release) {
    RunRecord run = release.run();
    return new String[] {release.token(), Long.toString(release.keepForMillis()), RunEntries.times(run),
        run.outcome().wireName(), RunEntries.error(run), Integer.toString(retention.trimAbove()),
        Integer.toString(retention.runs()), Long.toString(retention.maxAge().toMillis()),
        setsExpiry(release.key()) ? "1" : "0"};
  }

  private boolean setsExpiry(String key) {
    long now = System.nanoTime();
    Long last = expirySetAt.get(key);
    if (last != null && now - last < expiryRefreshNanos) {
      return false;
    }
    if (expirySetAt.size() >= MAX_KEYS) {
      // Keys built from arguments may be many: forgetting only means setting an expiry once more.
      expirySetAt.clear();
    }
    expirySetAt.put(key, now);
    return true;
  }

  /** Redis refused the history's commands: said once, then releases stop sending them. */
  void refused() {
    if (on) {
      on = false;
      log.warn("run history is off: Redis refused to record a run (the Redis user lacks LPUSH, LTRIM or PEXPIRE on"
          + " keys under \"" + keyPrefix + "\"); locking is unaffected. Grant +lpush +ltrim +pexpire on ~"
          + keyPrefix + "* (and +lrange for the jobs command) and restart, or set history.runs=0 to turn it off");
    }
  }
}
