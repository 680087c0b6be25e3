package io.github.distlock.agent.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The states {@code jobs} shows and the replicas warn about, from a key's holder and recent runs. */
class JobStatusTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final String DISTLOCK_HOLDER = "worker-1:4242:5f3a9c0d1e2f.7.";

  @Test
  void aKeyRunEveryMinuteIsOkUntilTwoIntervalsPassWithoutARunThenOverdue() {
    KeyHistory history = new KeyHistory("app:job", null, runsEvery(60_000, 5, NOW - 60_000, RunOutcome.OK));
    JobStatus status = JobStatus.of(history, NOW, 30_000);
    assertEquals(JobState.OK, status.state());
    assertEquals(60_000, status.intervalMillis());
    assertEquals(JobState.OK, JobStatus.of(history, NOW + 59_000, 30_000).state());
    assertEquals(JobState.OVERDUE, JobStatus.of(history, NOW + 61_000, 30_000).state());
  }

  @Test
  void theMedianGapIgnoresOneMissedRun() {
    List<RecordedRun> runs = runsEvery(60_000, 5, NOW, RunOutcome.OK);
    runs.remove(2);
    assertEquals(60_000, JobStatus.of(new KeyHistory("app:job", null, runs), NOW, 30_000).intervalMillis());
  }

  @Test
  void aLastRunThatThrewOrLostItsLockIsFailedAndFailuresCountThrownRuns() {
    List<RecordedRun> runs = runsEvery(60_000, 4, NOW, RunOutcome.OK);
    runs.set(0, run(NOW, RunOutcome.FAILED));
    runs.set(2, run(NOW - 120_000, RunOutcome.FAILED));
    JobStatus failed = JobStatus.of(new KeyHistory("app:job", null, runs), NOW, 30_000);
    assertEquals(JobState.FAILED, failed.state());
    assertEquals(2, failed.failures());
    runs.set(0, run(NOW, RunOutcome.LOST));
    assertEquals(JobState.FAILED, JobStatus.of(new KeyHistory("app:job", null, runs), NOW, 30_000).state());
  }

  @Test
  void tooFewRunsToKnowThePaceIsUnknown() {
    List<RecordedRun> runs = runsEvery(60_000, 2, NOW, RunOutcome.OK);
    JobStatus status = JobStatus.of(new KeyHistory("app:job", null, runs), NOW + 3_600_000, 30_000);
    assertEquals(JobState.UNKNOWN, status.state());
    assertEquals(-1, status.intervalMillis());
  }

  @Test
  void aHolderIsStuckOnlyPastThreeTtlsAndThreeTimesItsLongestRecentRun() {
    List<RecordedRun> runs = runsEvery(60_000, 5, NOW - 200_000, RunOutcome.OK);
    runs.set(1, new RecordedRun(DISTLOCK_HOLDER + "1", new RunRecord(NOW - 260_000, 50_000, 10_000,
        RunOutcome.OK, null)));
    String holder = DISTLOCK_HOLDER + Long.toString(NOW - 100_000, 36);
    KeyHistory held = new KeyHistory("app:job", holder, runs);
    JobStatus running = JobStatus.of(held, NOW, 10_000);
    assertEquals(JobState.RUNNING, running.state(), "100 s: past 3 ttls, not past 3 x the 50 s run");
    assertEquals(100_000, running.heldForMillis());
    assertEquals(JobState.STUCK, JobStatus.of(held, NOW + 51_000, 10_000).state());
  }

  @Test
  void aHolderOfAnotherImplementationIsRunningWithNoOneAndNoTimeKnown() {
    KeyHistory seed = new KeyHistory("app:job", "0b7c5a3e-1f2d-4c8e-9a6b-3d5e7f901234", List.of());
    JobStatus status = JobStatus.of(seed, NOW, 1_000);
    assertEquals(JobState.RUNNING, status.state());
    assertEquals(-1, status.heldForMillis());
    Owner owner = Owner.of("12345");
    assertEquals(null, owner.host());
    assertEquals(-1, owner.sinceMillis());
  }

  private static List<RecordedRun> runsEvery(long interval, int count, long newestStart, RunOutcome outcome) {
    List<RecordedRun> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runs.add(run(newestStart - i * interval, outcome));
    }
    return runs;
  }

  private static RecordedRun run(long start, RunOutcome outcome) {
    return new RecordedRun(DISTLOCK_HOLDER + "1", new RunRecord(start, 1_000, 30_000, outcome,
        outcome == RunOutcome.FAILED ? "java.io.IOException" : null));
  }
}
