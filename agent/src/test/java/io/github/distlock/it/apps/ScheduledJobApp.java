package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A locked job on a {@link ScheduledExecutorService} at a fixed rate, the way most apps schedule one, for the
 * Redis outage tests. The only argument is the period in milliseconds.
 *
 * <p>Each run prints {@code TICK <n> <start epoch ms> <elapsed ms> locked|unlocked|skipped}. Commands on standard
 * input: {@code status} prints {@code RESULT futureDone=<bool>} for the periodic task; {@code exit} cancels it and
 * ends the JVM once the running tick has finished.
 */
public final class ScheduledJobApp {

  /** The job's lock name; the tests add a key prefix. */
  public static final String KEY = "scheduled";

  private static final AtomicInteger TICKS = new AtomicInteger();

  private ScheduledJobApp() {}

  public static void main(String[] args) throws InterruptedException {
    long periodMillis = Long.parseLong(args[0]);
    AppSupport.awaitConnected();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    // No try/catch in the task: an exception would cancel it for good, which is what the tests watch for.
    ScheduledFuture<?> future =
        scheduler.scheduleAtFixedRate(ScheduledJobApp::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
    System.out.println("READY");
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      switch (command) {
        case "status" -> AppSupport.result("futureDone", future.isDone());
        case "exit" -> {
          future.cancel(false);
          scheduler.shutdown();
          AppSupport.result("terminated", scheduler.awaitTermination(30, TimeUnit.SECONDS));
          return;
        }
        default -> throw new IllegalArgumentException("unknown command: " + command);
      }
    }
  }

  private static void tick() {
    int n = TICKS.incrementAndGet();
    long startedAt = System.currentTimeMillis();
    long start = System.nanoTime();
    String outcome = job();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println(
        "TICK " + n + " " + startedAt + " " + elapsedMillis + " " + (outcome == null ? "skipped" : outcome));
  }

  /** Returns how the body ran; a skipped call returns the default, {@code null}. */
  @DistributedLock(key = KEY, ttl = "10s")
  static String job() {
    return AppSupport.holdsLock() ? "locked" : "unlocked";
  }
}
