package io.github.distlock.bench.calls;

import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * ShedLock as a Spring application would run the same job: its Spring Data Redis provider over a
 * {@link LettuceConnectionFactory} (defaults: one shared native connection), through
 * {@link DefaultLockingTaskExecutor}.
 */
public final class ShedLockLocks implements AutoCloseable {

  private static final Duration LOCK_AT_MOST_FOR = Duration.ofSeconds(30);

  private final LettuceConnectionFactory factory;
  private final RedisLockProvider provider;
  private final LockingTaskExecutor executor;

  private ShedLockLocks(LettuceConnectionFactory factory) {
    this.factory = factory;
    this.provider = new RedisLockProvider(factory, "bench");
    this.executor = new DefaultLockingTaskExecutor(provider);
  }

  public static ShedLockLocks open() {
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(new RedisStandaloneConfiguration(BenchRedis.HOST, BenchRedis.port()));
    factory.afterPropertiesSet();
    factory.start();
    return new ShedLockLocks(factory);
  }

  /** Runs the body under the lock {@code name}; fails loudly if it did not run. */
  public void lockRun(String name) throws Throwable {
    LockingTaskExecutor.TaskResult<Boolean> result = executor.executeWithLock(ShedLockLocks::body, config(name));
    if (!result.wasExecuted()) {
      throw new IllegalStateException(name + " was not free");
    }
  }

  /** One attempt on a lock another owner holds: the task is skipped. */
  public void tryWhileHeld(String name) throws Throwable {
    if (executor.executeWithLock(ShedLockLocks::body, config(name)).wasExecuted()) {
      throw new IllegalStateException(name + " was free: the busy path would be measuring an acquisition");
    }
  }

  /** Takes {@code name} for another owner and leaves it held; ShedLock locks are not reentrant. */
  public SimpleLock holdElsewhere(String name) {
    Optional<SimpleLock> lock = provider.lock(
        new LockConfiguration(ClockProvider.now(), name, Duration.ofMinutes(30), Duration.ZERO));
    return lock.orElseThrow(() -> new IllegalStateException("could not take " + name + " for another owner"));
  }

  private static Boolean body() {
    Body.run();
    return Boolean.TRUE;
  }

  private static LockConfiguration config(String name) {
    return new LockConfiguration(ClockProvider.now(), name, LOCK_AT_MOST_FOR, Duration.ZERO);
  }

  @Override
  public void close() {
    factory.destroy();
  }
}
