package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.support.RespClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One replica of a fleet hammering one key. The body counts itself in Redis: {@code fleet:active} is incremented on
 * entry and decremented on exit, and any entry that sees another body active counts an overlap. Arguments: Redis
 * host, port, run seconds, and whether the agent is attached (without it there is no connection to wait for).
 */
public final class FleetApp {

  private static RespClient redis;

  @DistributedLock(key = "fleet", ttl = "10s")
  static boolean work() {
    if (redis.incr("fleet:active") > 1) {
      redis.incr("fleet:overlaps");
    }
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
    redis.command("DECR", "fleet:active");
    redis.incr("fleet:runs");
    return true;
  }

  public static void main(String[] args) {
    redis = RespClient.connect(args[0], Integer.parseInt(args[1]), null);
    if (Boolean.parseBoolean(args[3])) {
      AppSupport.awaitConnected();
    }
    System.out.println("READY");
    AppSupport.readCommand();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
    int runs = 0;
    int skips = 0;
    while (System.nanoTime() < end) {
      if (work()) {
        runs++;
      } else {
        skips++;
      }
    }
    AppSupport.result("runs", runs);
    AppSupport.result("skips", skips);
  }
}
