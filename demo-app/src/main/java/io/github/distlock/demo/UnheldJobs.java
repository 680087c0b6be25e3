package io.github.distlock.demo;

import io.github.distlock.DistributedLock;

/**
 * The same jobs without {@code lockAtLeastFor}: each lock is released as soon as the run ends, so with skewed
 * clocks a replica that fires late can run a tick that another replica has already finished.
 */
final class UnheldJobs extends Jobs {

  UnheldJobs(RunLog log) {
    super(log);
  }

  @DistributedLock(key = "demo:report", ttl = "10s")
  @Override
  String report(long tick) {
    return buildReport(tick);
  }

  @DistributedLock(key = "demo:reindex", ttl = "10s")
  @Override
  void reindex(long tick) {
    rebuildIndex(tick);
  }

  @DistributedLock(key = "demo:cleanup", ttl = "10s")
  @Override
  void cleanup(long tick) {
    deleteExpired(tick);
  }
}
