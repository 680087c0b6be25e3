package io.github.distlock.agent.core.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Judges a key's {@link KeyHistory} at one moment. The typical interval is the median gap between the starts of
 * recent runs, known from three runs on; a median rather than a mean, so that one missed or extra run does not move
 * it. One rule for {@code jobs}, the dashboard and the replicas that skip a stuck job, so that they agree.
 */
public final class JobStatus {

  static final int RUNS_FOR_INTERVAL = 3;

  private final JobState state;
  private final long intervalMillis;
  private final long heldForMillis;
  private final int failures;

  private JobStatus(JobState state, long intervalMillis, long heldForMillis, int failures) {
    this.state = state;
    this.intervalMillis = intervalMillis;
    this.heldForMillis = heldForMillis;
    this.failures = failures;
  }

  /**
   * @param nowMillis epoch milliseconds
   * @param ttlMillis the lock's ttl as the caller knows it; the recorded runs' own ttl wins when longer
   */
  public static JobStatus of(KeyHistory history, long nowMillis, long ttlMillis) {
    List<RecordedRun> runs = history.runs();
    long interval = typicalInterval(runs);
    int failures = 0;
    long longestRun = 0;
    long ttl = ttlMillis;
    for (RecordedRun run : runs) {
      RunRecord record = run.record();
      failures += record.outcome() == RunOutcome.FAILED ? 1 : 0;
      longestRun = Math.max(longestRun, record.durationMillis());
      ttl = Math.max(ttl, record.ttlMillis());
    }
    String holder = history.holderToken();
    if (holder != null) {
      long since = Owner.of(holder).sinceMillis();
      long heldFor = since < 0 ? -1 : Math.max(0, nowMillis - since);
      boolean stuck = ttl > 0 && heldFor > 3 * ttl && heldFor > 3 * longestRun;
      return new JobStatus(stuck ? JobState.STUCK : JobState.RUNNING, interval, heldFor, failures);
    }
    if (runs.isEmpty()) {
      return new JobStatus(JobState.UNKNOWN, interval, -1, failures);
    }
    RunRecord last = runs.get(0).record();
    if (interval > 0 && nowMillis - newestStart(runs) > 2 * interval) {
      return new JobStatus(JobState.OVERDUE, interval, -1, failures);
    }
    if (last.outcome() != RunOutcome.OK) {
      return new JobStatus(JobState.FAILED, interval, -1, failures);
    }
    return new JobStatus(interval > 0 ? JobState.OK : JobState.UNKNOWN, interval, -1, failures);
  }

  public JobState state() {
    return state;
  }

  /** The median gap between recent starts, or -1 when too few runs are recorded. */
  public long intervalMillis() {
    return intervalMillis;
  }

  /** How long the holder has held the key, or -1 when nobody holds it or its token does not say since when. */
  public long heldForMillis() {
    return heldForMillis;
  }

  /** Runs in the history that threw. */
  public int failures() {
    return failures;
  }

  private static long newestStart(List<RecordedRun> runs) {
    long newest = Long.MIN_VALUE;
    for (RecordedRun run : runs) {
      newest = Math.max(newest, run.record().startedAtMillis());
    }
    return newest;
  }

  private static long typicalInterval(List<RecordedRun> runs) {
    if (runs.size() < RUNS_FOR_INTERVAL) {
      return -1;
    }
    List<Long> starts = new ArrayList<>(runs.size());
    for (RecordedRun run : runs) {
      starts.add(run.record().startedAtMillis());
    }
    Collections.sort(starts);
    List<Long> gaps = new ArrayList<>(starts.size() - 1);
    for (int i = 1; i < starts.size(); i++) {
      gaps.add(starts.get(i) - starts.get(i - 1));
    }
    Collections.sort(gaps);
    int middle = gaps.size() / 2;
    long median = gaps.size() % 2 == 1 ? gaps.get(middle) : (gaps.get(middle - 1) + gaps.get(middle)) / 2;
    return median > 0 ? median : -1;
  }
}
