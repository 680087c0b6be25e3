package io.github.distlock.bench.startup;


/**
 * A process that takes one lock and exits, the distlock way: one call of a {@code @DistributedLock} method under
 * the agent. Prints whether the body ran under the lock, so that the harness never times a run that did not lock.
 */
public final class ColdLockMain {

  private ColdLockMain() {}

  public static void main(String[] args) {
    boolean[] locked = new boolean[1];
    LockedProbe.hold(() -> locked[0] = LockedProbe.holdsLock());
    System.out.println("cold locked=" + locked[0]);
  }
}
