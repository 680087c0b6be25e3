package io.github.distlock.bench.calls;

import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Redisson as a user would set it up for the same job: defaults, one server, {@code tryLock} without waiting. */
public final class RedissonLocks implements AutoCloseable {

  private static final long LEASE_MILLIS = 30_000;

  private final RedissonClient client;

  private RedissonLocks(RedissonClient client) {
    this.client = client;
  }

  public static RedissonLocks open() {
    Config config = new Config();
    config.useSingleServer().setAddress(BenchRedis.url());
    return new RedissonLocks(Redisson.create(config));
  }

  public RLock lock(String name) {
    return client.getLock(name);
  }

  /** {@code tryLock(0, lease)}, the body, {@code unlock()}; fails loudly if the lock was not free. */
  public static void lockRunUnlock(RLock lock) throws InterruptedException {
    if (!lock.tryLock(0, LEASE_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(lock.getName() + " was not free");
    }
    try {
      Body.run();
    } finally {
      lock.unlock();
    }
  }

  /** One {@code tryLock(0, lease)} on a lock another owner holds. */
  public static void tryWhileHeld(RLock lock) throws InterruptedException {
    if (lock.tryLock(0, LEASE_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(lock.getName() + " was free: the busy path would be measuring an acquisition");
    }
  }

  /**
   * Takes {@code lock} for another owner: Redisson locks belong to a thread, so a short-lived thread takes it and
   * leaves it held.
   */
  public static void holdElsewhere(RLock lock) throws InterruptedException {
    boolean[] taken = new boolean[1];
    Thread other = new Thread(() -> {
      try {
        taken[0] = lock.tryLock(0, 30, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "another-owner");
    other.start();
    other.join();
    if (!taken[0]) {
      throw new IllegalStateException("could not take " + lock.getName() + " for another owner");
    }
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
