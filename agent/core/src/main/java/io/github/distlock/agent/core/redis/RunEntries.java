package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.history.RecordedRun;
import io.github.distlock.agent.core.history.RunOutcome;
import io.github.distlock.agent.core.history.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a run history list: {@code token|startedAt|durationMs|ttlMs|outcome|errorClass}, times in epoch
 * milliseconds. The release script appends the outcome itself, since only it knows whether the lock was still the
 * owner's. Read from the right: the token is the one part another writer could fill with a {@code |}.
 */
public final class RunEntries {

  private static final int FIELDS = 6;

  private RunEntries() {}

  /** The fields between the token and the outcome, which the release script puts around them. */
  static String times(RunRecord run) {
    return Long.toString(run.startedAtMillis()) + '|' + run.durationMillis() + '|' + run.ttlMillis();
  }

  /** The last field: the class of what the run threw, or empty. */
  static String error(RunRecord run) {
    return run.errorClass() == null ? "" : run.errorClass();
  }

  /** The runs the entries record, in their order, leaving out any entry that is not one. */
  public static List<RecordedRun> parseAll(List<String> entries) {
    List<RecordedRun> runs = new ArrayList<>(entries.size());
    for (String entry : entries) {
      RecordedRun run = parse(entry);
      if (run != null) {
        runs.add(run);
      }
    }
    return runs;
  }

  /** The run an entry records, or {@code null} when the entry is not one (written by something else). */
  public static RecordedRun parse(String entry) {
    String[] fields = new String[FIELDS];
    int end = entry.length();
    for (int i = FIELDS - 1; i > 0; i--) {
      int bar = entry.lastIndexOf('|', end - 1);
      if (bar < 0) {
        return null;
      }
      fields[i] = entry.substring(bar + 1, end);
      end = bar;
    }
    fields[0] = entry.substring(0, end);
    RunOutcome outcome = RunOutcome.fromWire(fields[4]);
    if (outcome == null || fields[0].isEmpty()) {
      return null;
    }
    try {
      RunRecord run = new RunRecord(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]),
          outcome, fields[5].isEmpty() ? null : fields[5]);
      return new RecordedRun(fields[0], run);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
