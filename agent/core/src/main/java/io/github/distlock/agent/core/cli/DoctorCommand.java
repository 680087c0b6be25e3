package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.redis.Failures;
import io.github.distlock.agent.core.redis.ProtocolProbe;
import io.github.distlock.agent.core.redis.RedisUris;
import io.github.distlock.agent.core.redis.TlsOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code doctor [key=value,...] [--json]}: connects as an agent with this configuration would and sends every
 * command of the lock protocol once, reporting what Redis answered to each (authentication, ACL permissions,
 * scripts), the round trip, and this machine's clock offset against Redis with the {@code lockAtLeastFor} it calls
 * for.
 */
final class DoctorCommand {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar doctor [key=value,...] [--json]",
      "",
      "Connects with the agent's configuration (REDIS_* and DISTLOCK_* variables, -Ddistlock.*, key=value) and",
      "sends every command distlock sends, once, on a probe key under the keyPrefix: the acquire, script loading,",
      "renewal, fencing and release scripts (whose commands the user's ACL must allow too). Reports each answer,",
      "the round trip, and this machine's clock offset against Redis's TIME with a lockAtLeastFor floor. Exit status",
      "0 only when every command was accepted.");
  private static final long MILLIS_ROUNDING = 100;

  private final PrintStream out;
  private final PrintStream err;

  DoctorCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    CommandArgs parsed = CommandArgs.parse(args);
    int early = parsed.earlyExit("doctor", USAGE, 0, out, err);
    if (early >= 0) {
      return early;
    }
    LoadedConfig loaded = CommandConfig.usable("doctor", parsed.settings, err);
    if (loaded == null) {
      return Cli.FAILED;
    }
    AgentConfig config = loaded.config();
    RedisURI uri = RedisUris.forCommands(config);
    RedisClient client = TlsOptions.clientFor(config, uri);
    Table report = new Table("check", "result", "detail");
    boolean ok = true;
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      report.row("connect and authenticate", "ok", RedisUris.describe(uri)
          + (config.redisUsername() == null ? "" : " as " + config.redisUsername()));
      ProtocolProbe probe = new ProtocolProbe(connection.sync(), config.keyPrefix());
      List<ProtocolProbe.Check> checks = probe.run();
      for (ProtocolProbe.Check check : checks) {
        report.row(check.name, check.ok ? "ok" : "FAILED", check.detail);
        ok &= check.ok;
      }
      Long offset = probe.clockOffsetMillis();
      report.row("clock offset (TIME)", offset == null ? "skipped" : "ok", offset == null
          ? "this user may not send TIME (distlock does not need it)"
          : "this machine is " + Math.abs(offset) + " ms " + (offset >= 0 ? "ahead of" : "behind") + " Redis;"
              + " with every replica as close, use lockAtLeastFor >= " + floor(offset) + " ms");
    } catch (RedisException e) {
      report.row("connect and authenticate", "FAILED", RedisUris.describe(uri) + ": " + Failures.describe(e));
      ok = false;
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
    if (parsed.json) {
      out.println("{\"ok\":" + ok + ",\"checks\":" + report.json() + "}");
    } else {
      report.print(out);
    }
    return ok ? Cli.OK : Cli.FAILED;
  }

  // Two replicas may each be that far from Redis in opposite directions; rounded up to a tenth of a second.
  private static long floor(long offsetMillis) {
    long spread = 2 * Math.abs(offsetMillis);
    return Math.max(MILLIS_ROUNDING, (spread + MILLIS_ROUNDING - 1) / MILLIS_ROUNDING * MILLIS_ROUNDING);
  }
}
