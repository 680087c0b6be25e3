package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A replica of a fleet deployed all at once, whose job fires as soon as the JVM starts (a scheduler with no initial
 * delay, as Spring's {@code fixedRate} default): the first call meets the agent before any connection to Redis
 * exists. It never waits for {@code isConnected()}. Makes as many calls as its argument says, back to back, each
 * announced by {@code CALLING <n>} and reported as {@code RESULT call.<n>=ran-locked|ran-unlocked|skipped} after
 * {@code RESULT call.<n>.ms=<elapsed>}, then exits. An optional second argument delays the first call by that many
 * milliseconds.
 */
public final class ColdStartApp {

  private ColdStartApp() {}

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    long delayMillis = args.length > 1 ? Long.parseLong(args[1]) : 0;
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ScheduledFuture<?> ticks = scheduler.schedule(() -> {
      for (int n = 1; n <= calls; n++) {
        System.out.println("CALLING " + n);
        long started = System.nanoTime();
        String outcome = tick();
        AppSupport.result("call." + n + ".ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        AppSupport.result("call." + n, outcome == null ? "skipped" : outcome);
      }
    }, delayMillis, TimeUnit.MILLISECONDS);
    ticks.get();
    scheduler.shutdown();
    AppSupport.result("uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime());
  }

  /** Holds the tick for 30 s after it ran, so that replicas that start later still find it taken. */
  @DistributedLock(key = "cold:tick", ttl = "60s", lockAtLeastFor = "30s")
  static String tick() {
    return AppSupport.holdsLock() ? "ran-locked" : "ran-unlocked";
  }
}
