package io.github.distlock.bench.apps;

import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A process that takes one Redisson lock and exits: create the client, {@code tryLock(0, lease)}, {@code unlock()},
 * {@code shutdown()}. Argument: the Redis port on 127.0.0.1.
 */
public final class ColdRedisson {

  private ColdRedisson() {}

  public static void main(String[] args) throws InterruptedException {
    Config config = new Config();
    config.useSingleServer().setAddress("redis://127.0.0.1:" + args[0]);
    RedissonClient client = Redisson.create(config);
    try {
      RLock lock = client.getLock("bench:cold");
      if (!lock.tryLock(0, 30_000, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("bench:cold was not free");
      }
      try {
        // The harness checks this line, so that a run that did not lock is never timed as one that did.
        System.out.println("cold locked=true");
      } finally {
        lock.unlock();
      }
    } finally {
      client.shutdown();
    }
  }
}
