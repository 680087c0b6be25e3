package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/** Loaded by a class loader that cannot see the application's: the lock must work there too. */
public final class IsolatedJob implements Runnable {

  @Override
  @DistributedLock(key = "kinds:isolated")
  public void run() {
    boolean locked;
    try {
      DistributedLocks.assertLocked();
      locked = true;
    } catch (IllegalStateException e) {
      locked = false;
    }
    System.out.println("RESULT isolated=" + locked);
  }
}
