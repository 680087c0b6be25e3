package io.github.distlock.bench.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The job: due at once when the scheduler starts, right after the context's refresh, so that with the agent the
 * first lock is taken while the application starts, as a real scheduled job's would be. With
 * {@code -Dbench.exitAfterJob=true} the JVM exits once it has run, for timing launch to first lock to exit.
 */
@Component
public class LockedJob {

  @Scheduled(initialDelay = 0, fixedDelay = 1, timeUnit = TimeUnit.HOURS)
  @DistributedLock(key = "bench:spring-job", ttl = "30s")
  public void run() {
    // The harness reads this line to tell whether the job ran before the JVM exited, and under a lock.
    System.out.println("job ran locked=" + holdsLock());
    if (Boolean.getBoolean("bench.exitAfterJob")) {
      // On another thread, so that this method returns and its lock is released first, as after any run.
      new Thread(() -> System.exit(0), "bench-exit").start();
    }
  }

  private static boolean holdsLock() {
    try {
      DistributedLocks.assertLocked();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
