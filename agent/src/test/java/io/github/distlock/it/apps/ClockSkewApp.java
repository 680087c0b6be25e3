package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.support.RespClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * One replica of a job scheduled at every second of its own wall clock, run under {@code faketime} so replicas
 * disagree about the time. Arguments: Redis host, port, and the replica's name.
 *
 * <p>Two variants run side by side on their own scheduler threads and lock keys: {@code guarded} with
 * {@code lockAtLeastFor = "700ms"}, {@code control} without. Every run appends {@code <tick>:<replica>} to the
 * Redis list {@code runs:<variant>}, where the tick is the wall-clock second it was scheduled for, as this replica
 * sees it. Commands: {@code clock} prints {@code RESULT clock=<epoch ms>}; {@code go <first tick> <count>} runs
 * those ticks, prints {@code DONE} and exits.
 */
public final class ClockSkewApp {

  private static String replica;
  private static RespClient guardedRedis;
  private static RespClient controlRedis;

  private ClockSkewApp() {}

  public static void main(String[] args) throws InterruptedException {
    replica = args[2];
    // One connection per variant thread: RespClient is not thread-safe.
    guardedRedis = RespClient.connect(args[0], Integer.parseInt(args[1]), null);
    controlRedis = RespClient.connect(args[0], Integer.parseInt(args[1]), null);
    AppSupport.awaitConnected();
    System.out.println("READY");
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      String[] words = command.split(" ");
      switch (words[0]) {
        case "clock" -> AppSupport.result("clock", System.currentTimeMillis());
        case "go" -> {
          long first = Long.parseLong(words[1]);
          long last = first + Long.parseLong(words[2]) - 1;
          CountDownLatch done = new CountDownLatch(2);
          schedule(ClockSkewApp::guarded, first, last, done);
          schedule(ClockSkewApp::control, first, last, done);
          done.await();
          System.out.println("DONE");
          return;
        }
        default -> throw new IllegalArgumentException("unknown command: " + command);
      }
    }
  }

  @DistributedLock(key = "skew:guarded", ttl = "5s", lockAtLeastFor = "700ms")
  static void guarded(long tick) {
    guardedRedis.command("RPUSH", "runs:guarded", tick + ":" + replica);
  }

  @DistributedLock(key = "skew:control", ttl = "5s")
  static void control(long tick) {
    controlRedis.command("RPUSH", "runs:control", tick + ":" + replica);
  }

  /** Runs {@code job} at the start of each second from {@code first} to {@code last} of this JVM's clock. */
  private static void schedule(LongConsumer job, long first, long last, CountDownLatch done) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ticks");
      thread.setDaemon(true);
      return thread;
    });
    scheduleTick(scheduler, job, first, last, done);
  }

  // Each tick is scheduled from the wall clock rather than at a fixed rate, so that it stays on the second
  // boundary of this replica's (faked) clock; the executor itself waits on the monotonic clock, which is not faked.
  private static void scheduleTick(ScheduledExecutorService scheduler, LongConsumer job, long tick, long last,
      CountDownLatch done) {
    long delayMillis = Math.max(0, TimeUnit.SECONDS.toMillis(tick) - System.currentTimeMillis());
    scheduler.schedule(() -> {
      job.accept(tick);
      if (tick < last) {
        scheduleTick(scheduler, job, tick + 1, last, done);
      } else {
        done.countDown();
      }
    }, delayMillis, TimeUnit.MILLISECONDS);
  }
}
