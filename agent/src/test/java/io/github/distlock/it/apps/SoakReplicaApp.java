package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;
import io.github.distlock.it.support.RespClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the fail-mode soak: a locked job on a fixed-rate scheduler that writes to a fenced store, a
 * second Redis that the soak never faults. The store keeps the highest fencing token it has accepted and refuses a
 * write with a lower one, as a fenced resource does.
 *
 * <p>Arguments: store host, store port, period ms, run ms. Each body prints {@code BEGIN <start epoch ms>} and then
 * {@code BODY <start> <end> locked|unlocked ok|fenced|unfenced}: its write accepted with a token, refused by the
 * fence, or made without a token. Commands: {@code exit}.
 */
public final class SoakReplicaApp {

  /** Accepts a write whose token is at least the highest seen; a token of 0 or less writes without a fence. */
  private static final String FENCED_WRITE = "local token = tonumber(ARGV[1])\n"
      + "if token <= 0 then redis.call('INCR', KEYS[2]) return 'unfenced' end\n"
      + "local highest = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
      + "if token < highest then return 'fenced' end\n"
      + "redis.call('SET', KEYS[1], token) redis.call('INCR', KEYS[2]) return 'ok'";

  private static RespClient store;
  private static long runMillis;

  private SoakReplicaApp() {}

  public static void main(String[] args) throws InterruptedException {
    store = RespClient.connect(args[0], Integer.parseInt(args[1]), null);
    long periodMillis = Long.parseLong(args[2]);
    runMillis = Long.parseLong(args[3]);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleAtFixedRate(SoakReplicaApp::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
    System.out.println("READY");
    // Any line, or the end of input, ends the replica.
    AppSupport.readCommand();
    scheduler.shutdown();
    scheduler.awaitTermination(30, TimeUnit.SECONDS);
  }

  private static void tick() {
    try {
      job();
    } catch (RuntimeException e) {
      // The soak counts what ran; a failed write must not cancel the schedule.
      System.out.println("ERROR " + e);
    }
  }

  @DistributedLock(key = "soak", ttl = "2s", lockAtLeastFor = "300ms", keepAlive = true)
  static void job() {
    long start = System.currentTimeMillis();
    System.out.println("BEGIN " + start);
    boolean locked = AppSupport.holdsLock();
    long token = 0;
    if (locked) {
      try {
        token = DistributedLocks.fencingToken();
      } catch (IllegalStateException e) {
        token = 0;
      }
    }
    try {
      Thread.sleep(runMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String written;
    synchronized (SoakReplicaApp.class) {
      written = (String) store.command("EVAL", FENCED_WRITE, "2", "soak:highest", "soak:writes",
          Long.toString(token));
    }
    System.out.println("BODY " + start + " " + System.currentTimeMillis() + " " + (locked ? "locked" : "unlocked")
        + " " + written);
  }
}
