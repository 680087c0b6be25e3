package io.github.distlock.demo;

/**
 * The demo's job bodies, as a legacy app has them: plain methods that do their work and record the run. The
 * {@code @DistributedLock} annotations sit on the subclasses, because annotation values are compile-time constants
 * and the demo compares locks with and without {@code lockAtLeastFor}.
 */
abstract class Jobs {

  private final RunLog log;

  Jobs(RunLog log) {
    this.log = log;
  }

  /** Builds the report for {@code tick} and returns its name; {@code null} when the lock is held elsewhere. */
  abstract String report(long tick);

  /** Rebuilds the search index; one run takes longer than the job's period. */
  abstract void reindex(long tick);

  abstract void cleanup(long tick);

  final String buildReport(long tick) {
    work(JobSpec.REPORT, tick);
    return "report-" + tick + ".csv";
  }

  final void rebuildIndex(long tick) {
    work(JobSpec.REINDEX, tick);
  }

  final void deleteExpired(long tick) {
    work(JobSpec.CLEANUP, tick);
  }

  private void work(JobSpec job, long tick) {
    try {
      Thread.sleep(job.workMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    log.ran(job, tick);
  }
}
