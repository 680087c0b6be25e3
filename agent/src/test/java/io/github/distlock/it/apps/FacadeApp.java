package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/** Exercises the {@link DistributedLocks} facade; the first argument says whether the agent is attached. */
public final class FacadeApp {

  @DistributedLock(key = "facade:annotated")
  static void annotated() {
    AppSupport.result("annotatedRan", true);
  }

  public static void main(String[] args) {
    boolean withAgent = Boolean.parseBoolean(args[0]);
    if (withAgent) {
      AppSupport.awaitConnected();
    }
    AppSupport.result("agentActive", DistributedLocks.isAgentActive());
    AppSupport.result("connected", DistributedLocks.isConnected());
    AppSupport.result("assertLockedOutside", message(DistributedLocks::assertLocked));
    AppSupport.result("first", DistributedLocks.acquireLock("manual", 30_000));
    AppSupport.result("second", DistributedLocks.acquireLock("manual", 30_000));
    System.out.println("ACQUIRED");
    AppSupport.readCommand();
    AppSupport.result("release", DistributedLocks.releaseLock("manual"));
    AppSupport.result("releaseAgain", DistributedLocks.releaseLock("manual"));
    AppSupport.result("releaseForeign", DistributedLocks.releaseLock("foreign"));
    AppSupport.result("emptyKey", message(() -> DistributedLocks.acquireLock("", 1000)));
    AppSupport.result("zeroTtl", message(() -> DistributedLocks.acquireLock("manual", 0)));
    annotated();
  }

  private static String message(Runnable call) {
    try {
      call.run();
      return "none";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
