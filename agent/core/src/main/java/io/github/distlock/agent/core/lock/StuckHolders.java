package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.agent.core.history.JobState;
import io.github.distlock.agent.core.history.JobStatus;
import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.agent.core.history.Owner;
import io.github.distlock.agent.core.metrics.LockEvent;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.LockStore;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Notices, from the replicas that skip a job, a holder that looks stuck by {@link JobStatus}'s rule: a hung run
 * with keepAlive keeps every replica skipping for as long as it hangs, and nobody may be looking. A skipped call
 * asks the store about its key at most once a ttl (once a second for shorter ttls), without waiting for the answer;
 * each stuck holder is warned about once.
 */
final class StuckHolders {

  /** Keys watched at once: keys built from arguments may be many; beyond this the watch starts afresh. */
  private static final int MAX_KEYS = 1_000;
  private static final long MIN_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LockStore store;
  private final LockMetrics metrics;
  private final AgentLog log;
  private final Ticker ticker;
  private final ConcurrentMap<String, Watch> watches = new ConcurrentHashMap<>();

  StuckHolders(LockStore store, LockMetrics metrics, AgentLog log, Ticker ticker) {
    this.store = store;
    this.metrics = metrics;
    this.log = log;
    this.ticker = ticker;
  }

  /** A call on {@code request}'s key was skipped because another owner holds it. */
  void skipped(LockRequest request) {
    long now = ticker.nanoTime();
    Watch watch = watch(request.key());
    if (!watch.due(now, Math.max(MIN_PERIOD_NANOS, TimeUnit.MILLISECONDS.toNanos(request.ttlMillis())))) {
      return;
    }
    store.inspect(request).whenComplete((history, failure) -> {
      if (failure == null) {
        judge(request, history, watch);
      }
    });
  }

  private Watch watch(String key) {
    Watch watch = watches.get(key);
    if (watch != null) {
      return watch;
    }
    if (watches.size() >= MAX_KEYS) {
      watches.clear();
    }
    return watches.computeIfAbsent(key, k -> new Watch());
  }

  private void judge(LockRequest request, KeyHistory history, Watch watch) {
    JobStatus status = JobStatus.of(history, ticker.epochMillis(), request.ttlMillis());
    String holder = history.holderToken();
    if (status.state() != JobState.STUCK || !watch.firstSight(holder)) {
      return;
    }
    metrics.count(LockEvent.STUCK_SEEN, request.key());
    Owner owner = Owner.of(holder);
    log.warn("lock " + request.key() + " looks stuck: held by " + owner.host() + " (pid " + owner.pid() + ") for "
        + Durations.format(Duration.ofMillis(status.heldForMillis())) + ", over 3 times its ttl and its longest"
        + " recent run; every replica skips the job meanwhile. If that run hangs, stop it, or free the key with"
        + " `java -jar distlock-agent.jar unlock " + request.key() + " --force`");
  }

  /** When the key was last asked about, and the holder last warned about. */
  private static final class Watch {
    private long nextNanos;
    private boolean asked;
    private String warnedHolder;

    synchronized boolean due(long now, long periodNanos) {
      if (asked && now - nextNanos < 0) {
        return false;
      }
      asked = true;
      nextNanos = now + periodNanos;
      return true;
    }

    synchronized boolean firstSight(String holder) {
      if (holder.equals(warnedHolder)) {
        return false;
      }
      warnedHolder = holder;
      return true;
    }
  }
}
