package io.github.distlock.it.apps.legacy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One replica of a legacy fleet that knows nothing of distlock: no annotation, no annotations jar. Every replica
 * fires its jobs at the same wall-clock ticks, from its first second; each run prints {@code RESULT <job>.<tick>=ran}
 * and lasts 100 ms. Arguments: the tick period in milliseconds and the tick to stop before (ticks count periods
 * since the epoch), so that every replica runs until the same moment.
 */
public final class LegacyFleetApp {

  private LegacyFleetApp() {}

  public static void main(String[] args) throws Exception {
    long period = Long.parseLong(args[0]);
    long end = Long.parseLong(args[1]);
    ReportJob report = new ReportJob();
    VendorJob cleanup = new CleanupJob();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    long first = System.currentTimeMillis() / period + 1;
    for (long tick = first; tick < end; tick++) {
      long at = tick;
      scheduler.schedule(() -> {
        report.run(at);
        try {
          cleanup.execute(at);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, tick * period - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }
    scheduler.shutdown();
    scheduler.awaitTermination(1, TimeUnit.MINUTES);
    System.out.println("DONE");
  }

  static void ran(String job, long tick) {
    System.out.println("RESULT " + job + "." + tick + "=ran");
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
  }
}
