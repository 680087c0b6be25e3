package io.github.distlock.bench.apps;

import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The job, due at once when the scheduler starts right after the context's refresh, under a ShedLock lock. With
 * {@code -Dbench.exitAfterJob=true} the JVM exits once it has run.
 */
@Component
public class ShedLockJob {

  @Scheduled(initialDelay = 0, fixedDelay = 1, timeUnit = TimeUnit.HOURS)
  @SchedulerLock(name = "bench-spring-job")
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
      LockAssert.assertLocked();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
