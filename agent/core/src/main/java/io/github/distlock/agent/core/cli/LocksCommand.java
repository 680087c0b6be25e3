package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.history.Owner;
import io.github.distlock.agent.core.redis.CompanionKeys;
import io.github.distlock.agent.core.redis.Failures;
import io.github.distlock.agent.core.redis.HistoryReader;
import io.github.distlock.agent.core.redis.RedisUris;
import io.github.distlock.agent.core.redis.TlsOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code locks [pattern] [key=value,...] [--json]}: the locks held now under the key prefix, with the holder that
 * its owner token names (host and process id), the time left and the fencing counter.
 */
final class LocksCommand {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar locks [pattern] [key=value,...] [--json]",
      "",
      "Lists the locks held now: keys under the configured keyPrefix matching pattern (a Redis glob, default *),",
      "the holder's host and process id read from its owner token, the time left and the fencing counter, if any.",
      "The connection settings are the agent's (REDIS_* and DISTLOCK_* variables, -Ddistlock.*, key=value).");

  private final PrintStream out;
  private final PrintStream err;

  LocksCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    CommandArgs parsed = CommandArgs.parse(args);
    int early = parsed.earlyExit("locks", USAGE, 1, out, err);
    if (early >= 0) {
      return early;
    }
    LoadedConfig loaded = CommandConfig.usable("locks", parsed.settings, err);
    if (loaded == null) {
      return Cli.FAILED;
    }
    AgentConfig config = loaded.config();
    String pattern = parsed.positional.isEmpty() ? "*" : parsed.positional.get(0);
    RedisURI uri = RedisUris.forCommands(config);
    RedisClient client = TlsOptions.clientFor(config, uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      Table locks = list(connection.sync(), config.keyPrefix(), pattern);
      if (parsed.json) {
        out.println(locks.json());
      } else if (locks.isEmpty()) {
        out.println("no lock held under prefix \"" + config.keyPrefix() + "\" matching " + pattern);
      } else {
        locks.print(out);
      }
      return Cli.OK;
    } catch (RedisException e) {
      err.println("distlock locks: cannot read from Redis at " + RedisUris.describe(uri) + ": "
          + Failures.describe(e));
      return Cli.FAILED;
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static Table list(RedisCommands<String, String> redis, String prefix, String pattern) {
    Table locks = new Table("key", "host", "pid", "ttl", "fence", "token");
    ScanArgs match = ScanArgs.Builder.matches(HistoryReader.globEscape(prefix) + pattern).limit(500);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, match);
      for (String key : page.getKeys()) {
        if (!"string".equals(redis.type(key))) {
          continue;
        }
        String token = redis.get(key);
        Long ttl = redis.pttl(key);
        // A fencing counter never expires; a lock, even another implementation's with a bare number, does.
        if (token == null || ttl == null || ttl == -2
            || (ttl == -1 && CompanionKeys.lockKeyOf(prefix, key, CompanionKeys.FENCE) != null)) {
          continue;
        }
        String fence = redis.get(CompanionKeys.fence(prefix, key));
        Owner owner = Owner.of(token);
        locks.row(key, owner.host() == null ? "?" : owner.host(), owner.pid() == null ? "?" : owner.pid(),
            ttl < 0 ? "(none)" : timeLeft(ttl), fence == null ? "-" : fence, token);
      }
      cursor = page;
    } while (!cursor.isFinished());
    return locks;
  }

  /** Seconds, with a tenth below ten seconds: what an operator reads at a glance. */
  private static String timeLeft(long millis) {
    return millis >= 10_000 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
