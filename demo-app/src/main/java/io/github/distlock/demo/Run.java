package io.github.distlock.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of a replica's {@link RunLog}: a job ran for a tick on a replica and finished at a given moment. */
final class Run {

  private static final Pattern LINE = Pattern.compile("tick=([\\w-]+):(\\d+) replica=(\\S+) end=(\\d+)");

  private final JobSpec job;
  private final long tick;
  private final String replica;
  private final long endMillis;

  Run(JobSpec job, long tick, String replica, long endMillis) {
    this.job = job;
    this.tick = tick;
    this.replica = replica;
    this.endMillis = endMillis;
  }

  static Run parse(String line) {
    Matcher matcher = LINE.matcher(line.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "not a run record (tick=<job>:<epochSecond> replica=<id> end=<epochMillis>): " + line);
    }
    return new Run(JobSpec.byName(matcher.group(1)), Long.parseLong(matcher.group(2)), matcher.group(3),
        Long.parseLong(matcher.group(4)));
  }

  JobSpec job() {
    return job;
  }

  long tick() {
    return tick;
  }

  String replica() {
    return replica;
  }

  /**
   * Whether this run still held its job's lock when {@code laterTick} fired. Judged on the runner's clock: if every
   * replica, however skewed, found the lock taken at {@code laterTick}, then the run ended after it on that clock.
   */
  boolean coveredTick(long laterTick) {
    return tick < laterTick && endMillis >= laterTick * 1000;
  }

  String label() {
    return job.jobName() + ":" + tick;
  }
}
