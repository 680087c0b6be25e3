package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.history.JobState;
import io.github.distlock.agent.core.history.JobStatus;
import io.github.distlock.agent.core.history.JobsJson;
import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.agent.core.history.Owner;
import io.github.distlock.agent.core.history.RunRecord;
import io.github.distlock.agent.core.redis.Failures;
import io.github.distlock.agent.core.redis.FleetHistory;
import io.github.distlock.agent.core.redis.HistoryReader;
import io.lettuce.core.RedisException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code jobs [pattern] [key=value,...] [--json]}: every lock key with a live lock or recorded runs, its state by
 * {@link JobStatus}'s rules, its last run and its holder. The exit status makes it a health check: 1 when a key is
 * failed, overdue or stuck.
 */
final class JobsCommand {

  static final int ALARM = 1;
  static final int ERROR = 2;

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar jobs [pattern] [key=value,...] [--json]",
      "",
      "Lists each lock key under the configured keyPrefix matching pattern (a Redis glob, default *) that is held now",
      "or has recorded runs: its state (running, ok, failed, overdue, stuck, unknown), runs and failures recorded,",
      "typical interval, last run (host, pid, start, duration, outcome) and holder.",
      "Exit status: 0 when no key is failed, overdue or stuck; 1 when one is; 2 on error.",
      "The connection settings are the agent's (REDIS_* and DISTLOCK_* variables, -Ddistlock.*, key=value).");

  private final PrintStream out;
  private final PrintStream err;

  JobsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    CommandArgs parsed = CommandArgs.parse(args);
    int early = parsed.earlyExit("jobs", USAGE, 1, out, err);
    if (early >= 0) {
      return early;
    }
    LoadedConfig loaded = CommandConfig.reachable("jobs", parsed.settings, err);
    if (loaded == null) {
      return ERROR;
    }
    AgentConfig config = loaded.config();
    String pattern = parsed.positional.isEmpty() ? "*" : parsed.positional.get(0);
    try (FleetHistory fleet = new FleetHistory(config)) {
      List<HistoryReader.KeySnapshot> keys;
      try {
        keys = fleet.read(Glob.of(HistoryReader.globEscape(config.keyPrefix()) + pattern));
      } catch (RedisException e) {
        err.println("distlock jobs: cannot read from " + fleet.where() + ": " + Failures.describe(e));
        return ERROR;
      }
      long now = System.currentTimeMillis();
      boolean alarm = false;
      JobsJson json = new JobsJson();
      Table table = new Table("key", "state", "runs", "failed", "interval", "last run", "took", "outcome", "by",
          "holder");
      for (HistoryReader.KeySnapshot key : keys) {
        KeyHistory history = key.history();
        JobStatus status = key.status(now);
        alarm |= status.state().isAlarming();
        json.add(history, status, key.timeLeftMillis());
        table.row(row(history, status, now));
      }
      if (parsed.json) {
        out.println(json);
      } else if (table.isEmpty()) {
        out.println("no lock held or run recorded under prefix \"" + config.keyPrefix() + "\" matching " + pattern);
      } else {
        table.print(out);
      }
      return alarm ? ALARM : Cli.OK;
    }
  }

  private static String[] row(KeyHistory history, JobStatus status, long now) {
    String interval = status.intervalMillis() < 0 ? "-" : Durations.format(Duration.ofMillis(status.intervalMillis()));
    String lastRun = "-";
    String took = "-";
    String outcome = "-";
    String by = "-";
    if (!history.runs().isEmpty()) {
      RunRecord last = history.runs().get(0).record();
      lastRun = Instant.ofEpochMilli(last.startedAtMillis()).toString();
      took = Durations.format(Duration.ofMillis(last.durationMillis()));
      outcome = last.outcome().wireName() + (last.errorClass() == null ? "" : " (" + last.errorClass() + ")");
      by = who(history.runs().get(0).owner());
    }
    String holder = "-";
    if (history.holderToken() != null) {
      Owner owner = Owner.of(history.holderToken());
      holder = who(owner) + (status.heldForMillis() < 0 ? ""
          : " for " + Durations.format(Duration.ofMillis(status.heldForMillis())));
    }
    JobState state = status.state();
    return new String[] {history.key(), state.wireName(), Integer.toString(history.runs().size()),
        Integer.toString(status.failures()), interval, lastRun, took, outcome, by, holder};
  }

  /** Host and pid, or "unknown" for a token that names neither (another implementation's lock). */
  static String who(Owner owner) {
    return owner.host() == null ? "unknown" : owner.host() + ":" + owner.pid();
  }
}
