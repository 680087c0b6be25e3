package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An application with a graceful shutdown of its own, as Spring's is: a shutdown hook that lets a running job
 * finish, or that runs a job itself. The argument chooses the scenario; the JVM prints {@code READY} once connected
 * and is then stopped by the test with SIGTERM.
 *
 * <ul>
 *   <li>{@code renewed}: on {@code go}, the main thread calls {@link #renewed()} (keepAlive, ttl {@value #TTL}),
 *       whose body goes on for {@value #WORK_MILLIS} ms after the shutdown began; the hook waits for it.
 *   <li>{@code inHook}: the hook itself calls {@link #renewed()}.
 *   <li>{@code hooks}: {@value #HOOKS} hooks, as an application with several executors has, each call a job of
 *       their own (keys {@code hook.<n>}, ttl 30s); the jobs print {@code HOOK JOB locked=<held>} and return
 *       together once all have started.
 * </ul>
 *
 * <p>The bodies of {@code renewed} and {@code inHook} print {@code BODY STARTED locked=<held>}, and when their
 * work is done {@code BODY ENDING locked=<held>}; then they wait for a line on standard input before returning, so
 * the test can look at Redis while the body is still running.
 */
public final class ShutdownApp {

  /** The ttl of {@link #renewed()}: shorter than the body runs after the shutdown began. */
  public static final String TTL = "2s";
  /** The number of hooks, and jobs, of the {@code hooks} scenario. */
  public static final int HOOKS = 8;

  private static final long WORK_MILLIS = 3000;
  private static final long HOOK_WAIT_SECONDS = 30;

  private static final CountDownLatch shutdownBegan = new CountDownLatch(1);
  private static final CountDownLatch jobDone = new CountDownLatch(1);
  private static final CountDownLatch hookJobsStarted = new CountDownLatch(HOOKS);

  private ShutdownApp() {}

  public static void main(String[] args) {
    String scenario = args[0];
    if (scenario.equals("inHook")) {
      addShutdownHook(ShutdownApp::renewed);
      System.out.println("READY");
    } else if (scenario.equals("hooks")) {
      Runnable[] jobs = {
        ShutdownApp::job1, ShutdownApp::job2, ShutdownApp::job3, ShutdownApp::job4,
        ShutdownApp::job5, ShutdownApp::job6, ShutdownApp::job7, ShutdownApp::job8
      };
      for (Runnable job : jobs) {
        addShutdownHook(job);
      }
      System.out.println("READY");
    } else {
      addShutdownHook(() -> await(jobDone));
      System.out.println("READY");
      AppSupport.readCommand();
      renewed();
      jobDone.countDown();
    }
    // Stays up, and off standard input, until the test's SIGTERM.
    while (true) {
      LockSupport.park();
    }
  }

  @DistributedLock(key = "renewed", ttl = TTL, keepAlive = true)
  static void renewed() {
    body();
  }

  @DistributedLock(key = "hook.1", ttl = "30s")
  static void job1() {
    hookJob();
  }

  @DistributedLock(key = "hook.2", ttl = "30s")
  static void job2() {
    hookJob();
  }

  @DistributedLock(key = "hook.3", ttl = "30s")
  static void job3() {
    hookJob();
  }

  @DistributedLock(key = "hook.4", ttl = "30s")
  static void job4() {
    hookJob();
  }

  @DistributedLock(key = "hook.5", ttl = "30s")
  static void job5() {
    hookJob();
  }

  @DistributedLock(key = "hook.6", ttl = "30s")
  static void job6() {
    hookJob();
  }

  @DistributedLock(key = "hook.7", ttl = "30s")
  static void job7() {
    hookJob();
  }

  @DistributedLock(key = "hook.8", ttl = "30s")
  static void job8() {
    hookJob();
  }

  // The jobs end, and release their locks, at the same moment, each in the last moments of its own hook.
  private static void hookJob() {
    System.out.println("HOOK JOB locked=" + AppSupport.holdsLock());
    hookJobsStarted.countDown();
    await(hookJobsStarted);
  }

  private static void body() {
    System.out.println("BODY STARTED locked=" + AppSupport.holdsLock());
    await(shutdownBegan);
    // The job's own work, still going on while the JVM shuts down.
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WORK_MILLIS));
    System.out.println("BODY ENDING locked=" + AppSupport.holdsLock());
    AppSupport.readCommand();
  }

  private static void addShutdownHook(Runnable graceful) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shutdownBegan.countDown();
      graceful.run();
    }, "app-graceful-shutdown"));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        System.out.println("TIMED OUT");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.out.println("INTERRUPTED");
    }
  }
}
