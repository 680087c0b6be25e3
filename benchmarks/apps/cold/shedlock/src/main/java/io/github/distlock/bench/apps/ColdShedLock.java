package io.github.distlock.bench.apps;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A process that takes one ShedLock lock and exits, without Spring's container: a Lettuce connection factory
 * started by hand, ShedLock's Redis provider, one {@code executeWithLock}, then the factory destroyed. Argument: the
 * Redis port on 127.0.0.1.
 */
public final class ColdShedLock {

  private ColdShedLock() {}

  public static void main(String[] args) throws Throwable {
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", Integer.parseInt(args[0])));
    factory.afterPropertiesSet();
    factory.start();
    try {
      LockingTaskExecutor executor = new DefaultLockingTaskExecutor(new RedisLockProvider(factory, "bench"));
      LockConfiguration config =
          new LockConfiguration(ClockProvider.now(), "bench-cold", Duration.ofSeconds(30), Duration.ZERO);
      LockingTaskExecutor.TaskResult<Boolean> result = executor.executeWithLock(() -> {
        LockAssert.assertLocked();
        return Boolean.TRUE;
      }, config);
      // The harness checks this line, so that a run that did not lock is never timed as one that did.
      System.out.println("cold locked=" + result.wasExecuted());
    } finally {
      factory.destroy();
    }
  }
}
