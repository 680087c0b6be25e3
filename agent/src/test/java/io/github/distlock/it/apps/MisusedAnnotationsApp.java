package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/**
 * Annotations the agent cannot apply: on methods without a body (warned at start-up) and with invalid values
 * (an error naming the method, attribute and value; the method then follows the fail mode).
 */
public final class MisusedAnnotationsApp {

  /** An interface method: nothing to wrap. */
  public interface Job {
    @DistributedLock(key = "misused:interface")
    void run();
  }

  /** An abstract method: nothing to wrap either. */
  public abstract static class AbstractJob {
    @DistributedLock(key = "misused:abstract")
    public abstract void run();
  }

  @DistributedLock(key = "misused:native")
  static native void nativeMethod();

  @DistributedLock(key = "")
  static void emptyKey() {
    AppSupport.result("emptyKeyRan", true);
  }

  @DistributedLock(key = "misused:ttl", ttl = "abc")
  static void badTtl() {
    AppSupport.result("badTtlRan", true);
  }

  @DistributedLock(key = "misused:minimum", ttl = "1s", lockAtLeastFor = "5s")
  static void minimumAboveTtl() {
    AppSupport.result("minimumAboveTtlRan", true);
  }

  public static void main(String[] args) {
    AppSupport.awaitConnected();
    Job job = () -> AppSupport.result("interfaceImplRan", true);
    job.run();
    new AbstractJob() {
      @Override
      public void run() {
        AppSupport.result("abstractImplRan", true);
      }
    }.run();
    emptyKey();
    badTtl();
    minimumAboveTtl();
    AppSupport.result("done", true);
  }
}
