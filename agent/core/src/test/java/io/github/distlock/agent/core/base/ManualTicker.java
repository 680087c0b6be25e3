package io.github.distlock.agent.core.base;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A monotonic clock that moves only when a test says so; readable from any thread. */
public final class ManualTicker implements Ticker {

  // Far from zero, as System.nanoTime() is: code that compares instants must use differences.
  private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - Duration.ofDays(1).toNanos());

  @Override
  public long nanoTime() {
    return now.get();
  }

  public void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }
}
