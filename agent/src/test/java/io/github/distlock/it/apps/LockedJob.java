package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/** The counterpart of {@link PlainJob} with a lock, which the agent does rewrite. */
public final class LockedJob {

  @DistributedLock(key = "recorded", ttl = "5s")
  public static int work(int x) {
    return x * 2;
  }
}
