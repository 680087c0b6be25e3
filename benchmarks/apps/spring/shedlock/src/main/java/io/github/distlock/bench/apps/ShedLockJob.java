package io.github.distlock.bench.apps;

import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The job, due at once when the scheduler starts during the context's refresh, under a ShedLock lock. */
@Component
public class ShedLockJob {

  @Scheduled(initialDelay = 0, fixedDelay = 1, timeUnit = TimeUnit.HOURS)
  @SchedulerLock(name = "bench-spring-job")
  public void run() {
    // The harness reads this line to tell whether the job ran before the JVM exited, and under a lock.
    System.out.println("job ran locked=" + holdsLock());
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
