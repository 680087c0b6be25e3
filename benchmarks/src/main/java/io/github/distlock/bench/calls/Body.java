package io.github.distlock.bench.calls;

import java.util.concurrent.atomic.LongAdder;

/**
 * The locked method body every contender runs. It only counts, so the figures are the cost of locking alone, and
 * the count lets a trial check afterwards that each body ran under a lock it really held.
 */
public final class Body {

  private static final LongAdder CALLS = new LongAdder();

  private Body() {}

  public static void run() {
    CALLS.increment();
  }

  public static long calls() {
    return CALLS.sum();
  }
}
