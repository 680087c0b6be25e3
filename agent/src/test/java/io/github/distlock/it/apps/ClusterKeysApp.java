package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import io.github.distlock.DistributedLocks;

/**
 * Locks many keys, spread over a cluster's slots, and draws a fencing token under each: keys with a hash tag and
 * without. Prints {@code RESULT plain.<i>=<fencing token>} and {@code RESULT tagged.<i>=<fencing token>}, or
 * {@code skipped} when a call did not run under its lock. The argument is how many keys of each kind.
 */
public final class ClusterKeysApp {

  private ClusterKeysApp() {}

  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    // No wait for the connection: a fleet's jobs fire as the JVM starts, and the first calls must lock too.
    for (int i = 0; i < count; i++) {
      String plain = plain("k" + i);
      AppSupport.result("plain." + i, plain == null ? "skipped" : plain);
      String tagged = tagged("k" + i);
      AppSupport.result("tagged." + i, tagged == null ? "skipped" : tagged);
    }
    System.out.println("DONE");
  }

  @DistributedLock(key = "cluster:{0}", ttl = "30s")
  static String plain(String name) {
    return AppSupport.holdsLock() ? Long.toString(DistributedLocks.fencingToken()) : "unlocked";
  }

  // {{orders}} is the literal hash tag {orders}: every such key, and its fencing counter, in one slot.
  @DistributedLock(key = "{{orders}}:{0}", ttl = "30s")
  static String tagged(String name) {
    return AppSupport.holdsLock() ? Long.toString(DistributedLocks.fencingToken()) : "unlocked";
  }
}
