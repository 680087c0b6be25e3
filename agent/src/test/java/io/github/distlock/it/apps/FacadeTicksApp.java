package io.github.distlock.it.apps;

import io.github.distlock.DistributedLocks;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes one key through the facade every period from two threads at once, as two workers of one scheduler might,
 * and releases it shortly after. Each tick prints {@code FACADE <n> <grants>}: how many of the two calls got
 * {@code true}. Argument: period ms. It never waits for the agent's connection.
 */
public final class FacadeTicksApp {

  private FacadeTicksApp() {}

  public static void main(String[] args) throws Exception {
    long periodMillis = Long.parseLong(args[0]);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    int[] tick = {0};
    timer.scheduleAtFixedRate(() -> {
      CyclicBarrier together = new CyclicBarrier(2);
      Future<Boolean> first = workers.submit(() -> grant(together));
      Future<Boolean> second = workers.submit(() -> grant(together));
      try {
        int grants = (first.get() ? 1 : 0) + (second.get() ? 1 : 0);
        System.out.println("FACADE " + ++tick[0] + " " + grants);
        Thread.sleep(periodMillis / 4);
        DistributedLocks.releaseLock("facade");
      } catch (Exception e) {
        System.out.println("ERROR " + e);
      }
    }, 0, periodMillis, TimeUnit.MILLISECONDS);
    System.out.println("READY");
    AppSupport.readCommand();
    timer.shutdown();
    workers.shutdown();
  }

  private static boolean grant(CyclicBarrier together) throws Exception {
    together.await(5, TimeUnit.SECONDS);
    return DistributedLocks.acquireLock("facade", 10_000);
  }
}
