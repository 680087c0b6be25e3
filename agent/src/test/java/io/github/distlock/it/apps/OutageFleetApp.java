package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.FailMode;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * One replica of a fleet running a locked job every period through a Redis outage. It never waits for the agent's
 * connection: a replica started during an outage must behave from its first tick.
 *
 * <p>Arguments: period ms, run ms, which job: {@code annotated} ({@code failMode = LAST_HOLDER} on the
 * annotation), {@code configured} (the agent's failMode) or {@code rule} (no annotation; a lock rule locks it), and
 * how ticks are scheduled: {@code pool} (a timer thread hands each tick to a worker pool, as Quartz does, so a long
 * run does not hold the next tick back) or {@code delay} (one thread, a period after the previous tick ended, as
 * Spring's {@code fixedDelay}).
 * Each body prints {@code BODY <start epoch ms> <end epoch ms> locked|unlocked}, each tick {@code TICK <n> <start
 * epoch ms> <elapsed ms> ran|skipped}. Commands: {@code long <ms>} makes the next body that runs last that long and
 * print {@code LONG-START}; {@code metrics} prints the agent's counters as {@code RESULT} lines; {@code exit}.
 */
public final class OutageFleetApp {

  /** The lock name of every job; the tests add a key prefix. */
  public static final String KEY = "outage";

  private static final AtomicInteger TICKS = new AtomicInteger();
  private static final AtomicLong NEXT_LONG_MILLIS = new AtomicLong();
  private static long runMillis;

  private OutageFleetApp() {}

  public static void main(String[] args) throws Exception {
    long periodMillis = Long.parseLong(args[0]);
    runMillis = Long.parseLong(args[1]);
    Supplier<String> job = switch (args[2]) {
      case "annotated" -> OutageFleetApp::annotated;
      case "configured" -> OutageFleetApp::configured;
      case "rule" -> OutageFleetApp::rule;
      default -> throw new IllegalArgumentException("unknown job: " + args[2]);
    };
    // Created now, so that the agent publishes its metrics at once rather than after its grace period.
    ManagementFactory.getPlatformMBeanServer();
    ExecutorService workers = Executors.newCachedThreadPool();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    switch (args[3]) {
      case "pool" -> timer.scheduleAtFixedRate(() -> workers.execute(() -> tick(job)), 0, periodMillis,
          TimeUnit.MILLISECONDS);
      case "delay" -> timer.scheduleWithFixedDelay(() -> tick(job), 0, periodMillis, TimeUnit.MILLISECONDS);
      default -> throw new IllegalArgumentException("unknown scheduling: " + args[3]);
    }
    System.out.println("READY");
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      if (command.startsWith("long ")) {
        NEXT_LONG_MILLIS.set(Long.parseLong(command.substring(5)));
      } else if (command.equals("metrics")) {
        printMetrics();
      } else if (command.equals("exit")) {
        timer.shutdown();
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        return;
      } else {
        throw new IllegalArgumentException("unknown command: " + command);
      }
    }
  }

  @DistributedLock(key = KEY, ttl = "5s", lockAtLeastFor = "400ms", failMode = FailMode.LAST_HOLDER)
  static String annotated() {
    return body();
  }

  @DistributedLock(key = KEY, ttl = "5s", lockAtLeastFor = "400ms")
  static String configured() {
    return body();
  }

  static String rule() {
    return body();
  }

  private static String body() {
    long start = System.currentTimeMillis();
    long longMillis = NEXT_LONG_MILLIS.getAndSet(0);
    if (longMillis > 0) {
      System.out.println("LONG-START " + start);
    }
    sleep(longMillis > 0 ? longMillis : runMillis);
    String how = AppSupport.holdsLock() ? "locked" : "unlocked";
    System.out.println("BODY " + start + " " + System.currentTimeMillis() + " " + how);
    return how;
  }

  private static void tick(Supplier<String> job) {
    int n = TICKS.incrementAndGet();
    long startedAt = System.currentTimeMillis();
    long start = System.nanoTime();
    String outcome = job.get();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println(
        "TICK " + n + " " + startedAt + " " + elapsedMillis + " " + (outcome == null ? "skipped" : "ran"));
  }

  private static void printMetrics() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName locks = new ObjectName("io.github.distlock:type=Locks");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!server.isRegistered(locks) && System.nanoTime() < deadline) {
      sleep(50);
    }
    CompositeData total = (CompositeData) server.getAttribute(locks, "Total");
    for (String name : new String[] {"acquired", "skipped", "failedOpen", "failedClosed", "failedLastHolder", "lost"}) {
      AppSupport.result(name, total.get(name));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
