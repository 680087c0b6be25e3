package io.github.distlock.demo;

/**
 * The demo's jobs as the scheduler and the fleet report see them: a name, a period in whole seconds (ticks fall on
 * epoch seconds divisible by it, so replicas fire together) and how long one run works.
 */
public enum JobSpec {
  REPORT("report", 2, 200),
  REINDEX("reindex", 2, 3000),
  CLEANUP("cleanup", 3, 100);

  private final String jobName;
  private final int periodSeconds;
  private final long workMillis;

  JobSpec(String jobName, int periodSeconds, long workMillis) {
    this.jobName = jobName;
    this.periodSeconds = periodSeconds;
    this.workMillis = workMillis;
  }

  public String jobName() {
    return jobName;
  }

  public int periodSeconds() {
    return periodSeconds;
  }

  public long workMillis() {
    return workMillis;
  }

  /** The job called {@code name}; throws {@link IllegalArgumentException} for an unknown name. */
  public static JobSpec byName(String name) {
    for (JobSpec job : values()) {
      if (job.jobName.equals(name)) {
        return job;
      }
    }
    throw new IllegalArgumentException("unknown job: " + name);
  }
}
