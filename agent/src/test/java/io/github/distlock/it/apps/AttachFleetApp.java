package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One replica of a fleet started without the agent, which an operator attaches later. Every replica fires its job
 * at the same wall-clock ticks; each run prints {@code RESULT run.<tick>=ran} and lasts 100 ms, and every tick also
 * reports what the facade says ({@code connected.<tick>=true|false}). Arguments: the tick period in milliseconds
 * and the tick to stop before.
 */
public final class AttachFleetApp {

  private AttachFleetApp() {}

  public static void main(String[] args) throws Exception {
    long period = Long.parseLong(args[0]);
    long end = Long.parseLong(args[1]);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    long first = System.currentTimeMillis() / period + 1;
    for (long tick = first; tick < end; tick++) {
      long at = tick;
      scheduler.schedule(() -> {
        job(at);
        AppSupport.result("connected." + at, DistributedLocks.isConnected());
      }, tick * period - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }
    System.out.println("READY");
    scheduler.shutdown();
    scheduler.awaitTermination(5, TimeUnit.MINUTES);
    System.out.println("DONE");
  }

  @DistributedLock(key = "attach:job", ttl = "10s", lockAtLeastFor = "200ms")
  static void job(long tick) {
    AppSupport.result("run." + tick, "ran");
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
  }
}
