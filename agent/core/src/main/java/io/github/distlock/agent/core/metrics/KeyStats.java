package io.github.distlock.agent.core.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one lock key, or of all keys together; updated from any thread without locking. */
final class KeyStats {

  private final LongAdder[] counts = new LongAdder[LockEvent.values().length];
  final AtomicLong lastAcquireMicros = new AtomicLong(-1);
  final AtomicLong lastHoldMillis = new AtomicLong(-1);
  final AtomicLong lastRunStartedAtMillis = new AtomicLong(-1);
  final AtomicReference<String> lastRunOutcome = new AtomicReference<>("");
  final AtomicReference<String> state = new AtomicReference<>("");

  KeyStats() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void count(LockEvent event) {
    counts[event.ordinal()].increment();
    String seen = event.stateSeen();
    if (seen != null) {
      state.lazySet(seen);
    }
  }

  LockStats snapshot() {
    return new LockStats(sum(LockEvent.ACQUIRED), sum(LockEvent.SKIPPED), sum(LockEvent.FAILED_OPEN),
        sum(LockEvent.FAILED_CLOSED), sum(LockEvent.FAILED_LAST_HOLDER), sum(LockEvent.RELEASED),
        sum(LockEvent.RENEWED), sum(LockEvent.LOST), sum(LockEvent.ERROR), sum(LockEvent.ADVICE_ERROR),
        sum(LockEvent.STUCK_SEEN), lastAcquireMicros.get(), lastHoldMillis.get(), lastRunStartedAtMillis.get(),
        lastRunOutcome.get(), state.get());
  }

  long sum(LockEvent event) {
    return counts[event.ordinal()].sum();
  }
}
