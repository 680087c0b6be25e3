package io.github.distlock.demo;

import io.github.distlock.DistributedLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One replica of the demo fleet: a framework-free app whose scheduled jobs carry {@code @DistributedLock}.
 *
 * <p>{@code java [-javaagent:distlock-agent.jar] -cp ... io.github.distlock.demo.DemoApp --out <dir>
 * [--replica <id>]}; the id defaults to the environment variable {@code REPLICA_ID}, and {@code DEMO_MIN_HOLD=off}
 * selects the jobs without {@code lockAtLeastFor}. The replica creates {@code <dir>/replica-<id>.ready} once it can
 * lock, runs its jobs in the window the launcher then writes to {@code <dir>/window}, records every run in
 * {@code <dir>/replica-<id>.log} and exits when its last run has finished.
 */
public final class DemoApp {

  private static final long CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final long WINDOW_TIMEOUT_MILLIS = 120_000;
  private static final long POLL_MILLIS = 20;

  private DemoApp() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String replica = System.getenv("REPLICA_ID");
    Path out = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--replica")) {
        replica = args[i + 1];
      } else if (args[i].equals("--out")) {
        out = Paths.get(args[i + 1]);
      }
    }
    if (replica == null || out == null || args.length % 2 != 0) {
      throw new IllegalArgumentException("usage: DemoApp --out <dir> [--replica <id>] (or REPLICA_ID=<id>)");
    }
    boolean minHold = !"off".equals(System.getenv("DEMO_MIN_HOLD"));
    try (RunLog log = RunLog.open(out.resolve("replica-" + replica + ".log"), replica)) {
      awaitAgent();
      Files.write(out.resolve("replica-" + replica + ".ready"), new byte[0]);
      RunWindow window = RunWindow.await(out.resolve("window"), WINDOW_TIMEOUT_MILLIS);
      System.out.println("replica " + replica + ": ticks from " + window.start() + " to " + window.end()
          + (minHold ? ", jobs with lockAtLeastFor" : ", jobs without lockAtLeastFor"));
      Schedules schedules = new Schedules(minHold ? new HeldJobs(log) : new UnheldJobs(log), window);
      schedules.start();
      schedules.awaitEnd();
    }
  }

  // A cold JVM needs a second or two for its first Redis connection; a tick fired before then would meet the
  // agent's fail mode instead of the lock.
  private static void awaitAgent() throws InterruptedException {
    if (!DistributedLocks.isAgentActive()) {
      System.out.println("no distlock agent: every job runs unlocked");
      return;
    }
    long deadline = System.nanoTime() + CONNECT_TIMEOUT_MILLIS * 1_000_000L;
    while (!DistributedLocks.isConnected()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException("the distlock agent did not connect to Redis within "
            + CONNECT_TIMEOUT_MILLIS + " ms; see its [distlock] lines above");
      }
      Thread.sleep(POLL_MILLIS);
    }
    System.out.println("distlock agent connected");
  }
}
