package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.support.RespClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica of a fleet whose scheduler fires locked jobs at a fixed rate from the first tick, without waiting for
 * the agent's connection. Arguments: mode, Redis host, port, tick period in ms, then per mode; the password, if any,
 * in {@code REDIS_PASSWORD}:
 *
 * <ul>
 *   <li>{@code fleet <ticks>}: {@link #report()} and {@link #flaky()} on each tick; {@code flaky} throws on every
 *       third call across the fleet. After that many ticks of its scheduler, prints what ran here, and exits.
 *   <li>{@code hang}: {@link #watched()} on each tick until told {@code exit}; its third run across the fleet hangs,
 *       holding its keepAlive lock, until the replica running it is told {@code release}.
 * </ul>
 */
public final class JobsFleetApp {

  private static final AtomicInteger reportRuns = new AtomicInteger();
  private static final AtomicInteger flakyRuns = new AtomicInteger();
  private static final AtomicInteger flakyFailures = new AtomicInteger();
  private static final CountDownLatch released = new CountDownLatch(1);
  private static RespClient redis;

  private JobsFleetApp() {}

  @DistributedLock(key = "jobs:report", ttl = "10s", lockAtLeastFor = "400ms")
  static void report() {
    reportRuns.incrementAndGet();
  }

  @DistributedLock(key = "jobs:flaky", ttl = "10s", lockAtLeastFor = "400ms")
  static void flaky() {
    flakyRuns.incrementAndGet();
    if (count("flaky:calls") % 3 == 0) {
      flakyFailures.incrementAndGet();
      throw new IllegalStateException("the vendor's API answered 503 with secret details");
    }
  }

  @DistributedLock(key = "jobs:watched", ttl = "1s", keepAlive = true)
  static void watched() throws InterruptedException {
    if (count("watched:runs") == 3) {
      System.out.println("HANGING");
      released.await();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    redis = RespClient.connect(args[1], Integer.parseInt(args[2]), System.getenv("REDIS_PASSWORD"));
    long period = Long.parseLong(args[3]);
    System.out.println("READY");
    AppSupport.readCommand();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    if (args[0].equals("fleet")) {
      CountDownLatch ticks = new CountDownLatch(Integer.parseInt(args[4]));
      scheduler.scheduleAtFixedRate(() -> {
        report();
        ticks.countDown();
      }, 0, period, TimeUnit.MILLISECONDS);
      scheduler.scheduleAtFixedRate(JobsFleetApp::flakyTick, 0, period, TimeUnit.MILLISECONDS);
      if (!ticks.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the scheduler did not tick " + args[4] + " times within 60 s");
      }
      scheduler.shutdown();
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the jobs did not finish");
      }
      AppSupport.result("reportRuns", reportRuns.get());
      AppSupport.result("flakyRuns", flakyRuns.get());
      AppSupport.result("flakyFailures", flakyFailures.get());
      return;
    }
    scheduler.scheduleAtFixedRate(JobsFleetApp::watchedTick, 0, period, TimeUnit.MILLISECONDS);
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      if (command.equals("release")) {
        released.countDown();
      } else if (command.equals("exit")) {
        break;
      }
    }
    scheduler.shutdownNow();
    System.exit(0);
  }

  // A scheduler's task that throws is never run again: the app catches, as a real app's job wrapper would.
  private static void flakyTick() {
    try {
      flaky();
    } catch (IllegalStateException e) {
      // Counted in flaky().
    }
  }

  private static void watchedTick() {
    try {
      watched();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // RespClient is not thread-safe, and the two jobs may run at once on the scheduler's two threads.
  private static synchronized long count(String key) {
    return redis.incr(key);
  }
}
