package io.github.distlock.agent.core.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one lock key, or of all keys together; updated from any thread without locking. */
final class KeyStats {

  final LongAdder acquired = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder failedOpen = new LongAdder();
  final LongAdder failedClosed = new LongAdder();
  final LongAdder released = new LongAdder();
  final LongAdder renewed = new LongAdder();
  final LongAdder lost = new LongAdder();
  final LongAdder errors = new LongAdder();
  final AtomicLong lastAcquireMicros = new AtomicLong(-1);
  final AtomicLong lastHoldMillis = new AtomicLong(-1);

  LockStats snapshot() {
    return new LockStats(acquired.sum(), skipped.sum(), failedOpen.sum(), failedClosed.sum(), released.sum(),
        renewed.sum(), lost.sum(), errors.sum(), lastAcquireMicros.get(), lastHoldMillis.get());
  }
}
