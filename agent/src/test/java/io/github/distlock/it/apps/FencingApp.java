package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/**
 * Draws fencing tokens: after {@code READY} and a {@code go} line, makes the number of locked calls given as the
 * argument, reporting {@code RESULT token.<n>=<token>} for each, then calls {@link DistributedLocks#fencingToken()}
 * outside any lock and reports what it threw as {@code RESULT outside=<exception>: <message>}.
 */
public final class FencingApp {

  private FencingApp() {}

  public static void main(String[] args) {
    int calls = Integer.parseInt(args[0]);
    AppSupport.awaitConnected();
    System.out.println("READY");
    AppSupport.readCommand();
    for (int n = 1; n <= calls; n++) {
      AppSupport.result("token." + n, token());
    }
    try {
      AppSupport.result("outside", "returned " + DistributedLocks.fencingToken());
    } catch (IllegalStateException e) {
      AppSupport.result("outside", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The fencing token of this call's lock; 0 when the call was skipped. */
  @DistributedLock(key = "fence", ttl = "10s")
  static long token() {
    return DistributedLocks.fencingToken();
  }
}
