package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.history.Owner;
import io.github.distlock.agent.core.redis.Failures;
import io.github.distlock.agent.core.redis.FleetHistory;
import io.github.distlock.agent.core.redis.HistoryReader;
import io.lettuce.core.RedisException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code unlock <key> --force}: deletes a lock whatever its owner, the escape hatch for a run that hangs and keeps
 * every replica skipping. It says who held the lock, and for how long, first; without {@code --force} it only says.
 */
final class UnlockCommand {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar unlock <key> --force [key=value,...]",
      "",
      "Deletes the lock on <key> (with or without the configured keyPrefix) whoever holds it, after printing the",
      "holder's host and pid and how long it has held the lock. Without --force it prints them and deletes nothing.",
      "The holder's run is not stopped: another replica may start the job while it still runs.",
      "The connection settings are the agent's (REDIS_* and DISTLOCK_* variables, -Ddistlock.*, key=value).");

  private final PrintStream out;
  private final PrintStream err;

  UnlockCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    CommandArgs parsed = CommandArgs.parse(args);
    int early = parsed.earlyExit("unlock", USAGE, 1, out, err);
    if (early >= 0) {
      return early;
    }
    if (parsed.positional.isEmpty()) {
      err.println("distlock unlock: which key?");
      err.println(USAGE);
      return Cli.USAGE;
    }
    LoadedConfig loaded = CommandConfig.reachable("unlock", parsed.settings, err);
    if (loaded == null) {
      return Cli.FAILED;
    }
    AgentConfig config = loaded.config();
    String given = parsed.positional.get(0);
    String key = given.startsWith(config.keyPrefix()) ? given : config.keyPrefix() + given;
    try (FleetHistory fleet = new FleetHistory(config)) {
      List<HistoryReader.KeySnapshot> found = fleet.read(key::equals);
      String token = found.isEmpty() ? null : found.get(0).history().holderToken();
      if (token == null) {
        out.println("no lock held on " + key);
        return Cli.FAILED;
      }
      Owner owner = Owner.of(token);
      long since = owner.sinceMillis();
      out.println(key + " is held by " + JobsCommand.who(owner) + (since < 0 ? "" : " for "
          + Durations.format(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - since)))));
      if (!parsed.force) {
        out.println("not deleted: add --force to delete it");
        return Cli.FAILED;
      }
      if (!fleet.forceRelease(key, token)) {
        out.println("not deleted: the lock changed hands meanwhile; look again");
        return Cli.FAILED;
      }
      out.println("deleted " + key);
      return Cli.OK;
    } catch (RedisException e) {
      err.println("distlock unlock: cannot reach Redis: " + Failures.describe(e));
      return Cli.FAILED;
    }
  }
}
