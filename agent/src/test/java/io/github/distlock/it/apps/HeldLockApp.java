package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.concurrent.locks.LockSupport;

/** Takes one lock with a long ttl, prints {@code HOLDING locked=<bool>}, and holds it until the JVM is killed. */
public final class HeldLockApp {

  private HeldLockApp() {}

  public static void main(String[] args) {
    AppSupport.awaitConnected();
    job();
  }

  @DistributedLock(key = "held", ttl = "60s")
  static void job() {
    System.out.println("HOLDING locked=" + AppSupport.holdsLock());
    // A parked thread releases nothing: the lock stays until its ttl, or the test kills the JVM.
    while (true) {
      LockSupport.park();
    }
  }
}
