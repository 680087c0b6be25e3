package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.support.RespClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Jobs that run longer than their 1 s ttl, with and without keepAlive. Arguments: the mode, Redis host and port
 * (for the app's own counters). Both modes print {@code READY} once connected and wait for {@code go}.
 *
 * <ul>
 *   <li>{@code fleet <seconds>}: two threads call {@link #alive()} (keepAlive) and {@link #plain()} (none) over and
 *       over for that long; each body of {@value #BODY_MILLIS} ms counts itself in Redis the way {@link FleetApp}
 *       does ({@code count:<variant>:active}, {@code :overlaps}, {@code :runs}). Then it prints {@code DONE} and
 *       waits for {@code exit}, so the test can read its JMX counters first.
 *   <li>{@code hold}: one keepAlive call whose body prints {@code HOLDING} and returns on the next input line.
 * </ul>
 */
public final class KeepAliveApp {

  private static final long BODY_MILLIS = 2500;
  private static final long RETRY_MILLIS = 100;

  private static RespClient aliveRedis;
  private static RespClient plainRedis;

  private KeepAliveApp() {}

  public static void main(String[] args) throws InterruptedException {
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    // One connection per thread: RespClient is not thread-safe.
    aliveRedis = RespClient.connect(host, port, null);
    plainRedis = RespClient.connect(host, port, null);
    AppSupport.awaitConnected();
    System.out.println("READY");
    AppSupport.readCommand();
    if (args[0].equals("hold")) {
      held();
      AppSupport.result("heldReturned", true);
      return;
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
    Thread aliveLoop = new Thread(() -> loop(KeepAliveApp::alive, end), "alive-loop");
    Thread plainLoop = new Thread(() -> loop(KeepAliveApp::plain, end), "plain-loop");
    aliveLoop.start();
    plainLoop.start();
    aliveLoop.join();
    plainLoop.join();
    System.out.println("DONE");
    AppSupport.readCommand();
  }

  @DistributedLock(key = "long:alive", ttl = "1s", keepAlive = true)
  static boolean alive() {
    return body(aliveRedis, "alive");
  }

  @DistributedLock(key = "long:plain", ttl = "1s")
  static boolean plain() {
    return body(plainRedis, "plain");
  }

  @DistributedLock(key = "long:held", ttl = "1s", keepAlive = true)
  static void held() {
    System.out.println("HOLDING");
    AppSupport.readCommand();
  }

  private static boolean body(RespClient redis, String variant) {
    String counters = "count:" + variant;
    if (redis.incr(counters + ":active") > 1) {
      redis.incr(counters + ":overlaps");
    }
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BODY_MILLIS));
    redis.command("DECR", counters + ":active");
    redis.incr(counters + ":runs");
    return true;
  }

  /** Calls {@code job} until {@code endNanos}, retrying a skipped call after a short pause. */
  private static void loop(BooleanSupplier job, long endNanos) {
    while (System.nanoTime() < endNanos) {
      if (!job.getAsBoolean()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
      }
    }
  }
}
