package io.github.distlock.demo;

import java.util.Date;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Fires one replica's jobs the way a framework-free app does: {@code report} and {@code reindex} on a
 * {@link ScheduledExecutorService} at a fixed rate, {@code cleanup} on a {@link Timer}. Every schedule starts at a
 * wall-clock second divisible by the job's period, so all replicas fire the same tick at the same moment and the
 * lock has something to decide.
 */
final class Schedules {

  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Jobs jobs;
  private final RunWindow window;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  // A reindex run outlasts its period. Handed to a worker, the next tick still fires on time (a fixed-rate task
  // would start late and drift further behind each period), and the lock alone keeps the runs from overlapping.
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final Timer timer = new Timer("cleanup-timer");
  private final CountDownLatch windowClosed = new CountDownLatch(1);

  Schedules(Jobs jobs, RunWindow window) {
    this.jobs = jobs;
    this.window = window;
  }

  void start() {
    atFixedRate(JobSpec.REPORT, tick -> {
      String name = jobs.report(tick);
      System.out.println("report:" + tick + " " + (name == null ? "skipped, the lock is held elsewhere" : name));
    });
    atFixedRate(JobSpec.REINDEX, tick -> workers.execute(() -> jobs.reindex(tick)));
    int cleanupPeriod = JobSpec.CLEANUP.periodSeconds();
    timer.scheduleAtFixedRate(new TimerTask() {
      @Override
      public void run() {
        long tick = scheduledExecutionTime() / 1000;
        if (window.contains(tick)) {
          jobs.cleanup(tick);
        }
      }
    }, new Date(window.firstTick(cleanupPeriod) * 1000), cleanupPeriod * 1000L);
    // A timer runs one task at a time: when this one runs, no cleanup is in progress any more.
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        timer.cancel();
        windowClosed.countDown();
      }
    }, new Date(window.end() * 1000));
  }

  /** Returns once the window has closed and every run started inside it has finished. */
  void awaitEnd() throws InterruptedException {
    windowClosed.await();
    scheduler.shutdown();
    awaitTermination(scheduler, "the scheduler");
    workers.shutdown();
    awaitTermination(workers, "the reindex workers");
  }

  private void atFixedRate(JobSpec job, LongConsumer action) {
    long first = window.firstTick(job.periodSeconds());
    long periodMillis = job.periodSeconds() * 1000L;
    scheduler.scheduleAtFixedRate(new Runnable() {
      // At a fixed rate the n-th run belongs to the tick first + n * period, even when it starts a little late.
      private long tick = first;

      @Override
      public void run() {
        if (window.contains(tick)) {
          action.accept(tick);
        }
        tick += job.periodSeconds();
      }
    }, first * 1000 - System.currentTimeMillis(), periodMillis, TimeUnit.MILLISECONDS);
  }

  private static void awaitTermination(ExecutorService executor, String what) throws InterruptedException {
    if (!executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(what + " did not finish within " + STOP_TIMEOUT_SECONDS + " s");
    }
  }
}
