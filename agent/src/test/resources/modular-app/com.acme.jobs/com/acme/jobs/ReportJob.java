package com.acme.jobs;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/** A job in a named module: runs its locked method once and reports whether it ran, and whether under the lock. */
public final class ReportJob {

  private static boolean ran;

  public static void main(String[] args) {
    report();
    System.out.println("RESULT ran=" + ran);
    System.out.println("RESULT facade=" + DistributedLocks.acquireLock("modular:facade", 10_000));
  }

  @DistributedLock(key = "modular:report", ttl = "60s")
  static void report() {
    ran = true;
    try {
      DistributedLocks.assertLocked();
      System.out.println("RESULT locked=true");
    } catch (IllegalStateException e) {
      System.out.println("RESULT locked=false");
    }
  }
}
