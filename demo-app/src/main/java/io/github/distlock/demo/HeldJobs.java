package io.github.distlock.demo;

import io.github.distlock.DistributedLock;

/**
 * The jobs locked as they should be: each lock is held for most of the period even when the run is quicker, so a
 * replica whose clock is behind finds the tick taken instead of running it a second time.
 */
final class HeldJobs extends Jobs {

  HeldJobs(RunLog log) {
    super(log);
  }

  @DistributedLock(key = "demo:report", ttl = "10s", lockAtLeastFor = "1500ms")
  @Override
  String report(long tick) {
    return buildReport(tick);
  }

  @DistributedLock(key = "demo:reindex", ttl = "10s", lockAtLeastFor = "1500ms")
  @Override
  void reindex(long tick) {
    rebuildIndex(tick);
  }

  @DistributedLock(key = "demo:cleanup", ttl = "10s", lockAtLeastFor = "2500ms")
  @Override
  void cleanup(long tick) {
    deleteExpired(tick);
  }
}
