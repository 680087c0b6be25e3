package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One replica of a job whose holder dies. The argument chooses the role; both wait for {@code go} on standard
 * input after connecting ({@code READY}).
 *
 * <ul>
 *   <li>{@code holder}: calls the job once; its body prints {@code HOLDING <epoch ms>} and never returns, so the
 *       lock is still held when the test kills the JVM.
 *   <li>{@code waiter}: calls the job every {@value #RETRY_MILLIS} ms; the first body to run prints {@code TAKEOVER
 *       <epoch ms> skips=<calls skipped before>} and the JVM exits.
 * </ul>
 */
public final class TakeoverApp {

  /** The lock's ttl in milliseconds. */
  public static final long TTL_MILLIS = 3000;

  private static final long RETRY_MILLIS = 100;

  private static boolean holder;
  private static int skips;

  private TakeoverApp() {}

  public static void main(String[] args) {
    holder = args[0].equals("holder");
    AppSupport.awaitConnected();
    System.out.println("READY");
    if (!"go".equals(AppSupport.readCommand())) {
      throw new IllegalStateException("expected go");
    }
    while (!job()) {
      skips++;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
    }
  }

  /** Returns {@code true} when the body ran; a skipped call returns {@code false}. */
  @DistributedLock(key = "takeover", ttl = "" + TTL_MILLIS)
  static boolean job() {
    long now = System.currentTimeMillis();
    if (holder) {
      System.out.println("HOLDING " + now);
      // Holds the lock until SIGKILL; a parked thread cannot release anything.
      while (true) {
        LockSupport.park();
      }
    }
    System.out.println("TAKEOVER " + now + " skips=" + skips);
    return true;
  }
}
