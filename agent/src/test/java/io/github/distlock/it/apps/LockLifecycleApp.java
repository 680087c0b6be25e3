package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.it.support.RespClient;

/**
 * Runs one scenario of a lock's life, chosen by the first argument, and reports what Redis held at each step
 * through its own connection: the Redis host and port are the second and third arguments.
 */
public final class LockLifecycleApp {

  private static RespClient redis;

  /** A checked exception of the app's own, which must reach the caller unchanged. */
  static final class JobFailed extends Exception {
    private static final long serialVersionUID = 1L;

    JobFailed(String message) {
      super(message);
    }
  }

  static final JobFailed FAILURE = new JobFailed("boom");

  @DistributedLock(key = "job", ttl = "30s")
  static void returnsNormally() {
    AppSupport.result("held", AppSupport.holdsLock());
    AppSupport.result("valueDuringBody", redis.get("it:job"));
    AppSupport.result("ttlDuringBody", redis.pttl("it:job"));
  }

  @DistributedLock(key = "job", ttl = "30s")
  static void throwsChecked() throws JobFailed {
    AppSupport.result("valueDuringBody", redis.get("it:job"));
    throw FAILURE;
  }

  @DistributedLock(key = "job", ttl = "30s")
  static void recurse(int depth) {
    AppSupport.result("held." + depth, redis.get("it:job") != null && AppSupport.holdsLock());
    if (depth < 3) {
      recurse(depth + 1);
      AppSupport.result("stillHeldAfterInner." + depth, redis.get("it:job") != null);
    }
  }

  @DistributedLock(key = "job", ttl = "30s")
  static void outer() {
    inner();
    AppSupport.result("stillHeldAfterInner", redis.get("it:job") != null && AppSupport.holdsLock());
  }

  @DistributedLock(key = "job", ttl = "30s")
  static void inner() {
    AppSupport.result("innerRan", true);
  }

  @DistributedLock(key = "job", ttl = "10s", lockAtLeastFor = "4s")
  static void shortBodyLongMinimum() {
    AppSupport.result("ran", true);
  }

  @DistributedLock(key = "job", ttl = "30s")
  static void lockTakenOverDuringBody() {
    // As if the lock had expired and another replica had taken it: our release must not delete theirs.
    redis.set("it:job", "another-owner");
  }

  public static void main(String[] args) throws Exception {
    redis = RespClient.connect(args[1], Integer.parseInt(args[2]), null);
    AppSupport.awaitConnected();
    switch (args[0]) {
      case "return":
        returnsNormally();
        break;
      case "throw":
        try {
          throwsChecked();
          AppSupport.result("thrown", "nothing");
        } catch (JobFailed e) {
          AppSupport.result("thrown", e.getClass().getSimpleName() + ":" + e.getMessage() + ":" + (e == FAILURE));
        }
        break;
      case "recursion":
        recurse(1);
        break;
      case "chain":
        outer();
        break;
      case "atLeast":
        shortBodyLongMinimum();
        break;
      case "takenOver":
        lockTakenOverDuringBody();
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
    AppSupport.result("done", true);
  }
}
