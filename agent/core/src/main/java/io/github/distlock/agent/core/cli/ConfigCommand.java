package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.config.LockRule;
import io.github.distlock.agent.core.config.RedisUrls;
import io.github.distlock.agent.core.config.Setting;
import io.github.distlock.bootstrap.FailMode;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code config [key=value,...] [--json]}: the configuration an agent would run with, started with these agent
 * arguments in this environment: each setting's value and where it came from, secrets masked, the lock rules, and
 * what is wrong. Exit status 0 only when nothing is.
 */
final class ConfigCommand {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar config [key=value,...] [--json]",
      "",
      "Prints the configuration an agent started here with these agent arguments would use: every setting, its",
      "value (secrets masked) and where it came from (agent argument, -Ddistlock.*, DISTLOCK_*/REDIS_* variable,",
      "config file and line, default), the config file's lock rules, and every error and warning. Exit status 0",
      "only when there is no error.");

  private final PrintStream out;
  private final PrintStream err;

  ConfigCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    CommandArgs parsed = CommandArgs.parse(args);
    int early = parsed.earlyExit("config", USAGE, 0, out, err);
    if (early >= 0) {
      return early;
    }
    LoadedConfig loaded = ConfigLoader.forThisJvm(parsed.settings).load();
    Table settings = new Table("setting", "value", "source");
    for (Setting setting : Setting.values()) {
      settings.row(setting.key(), setting == Setting.CONFIG_FILE
          ? (loaded.configFile() == null ? "(none)" : loaded.configFile())
          : value(setting, loaded.config()), loaded.source(setting));
    }
    Table rules = new Table("method", "key", "ttl", "lockAtLeastFor", "keepAlive", "failMode", "source");
    for (LockRule rule : loaded.config().lockRules()) {
      rules.row(rule.target(), rule.key(), rule.ttl().isEmpty() ? "(defaultTtl)" : rule.ttl(),
          rule.lockAtLeastFor(), String.valueOf(rule.keepAlive()),
          rule.failMode().isEmpty() ? "(failMode)" : FailMode.forSetting(rule.failMode()).settingName(), rule.origin());
    }
    boolean ok = loaded.errors().isEmpty() && loaded.connectionProblem() == null;
    if (parsed.json) {
      out.println("{\"ok\":" + ok + ",\"settings\":" + settings.json() + ",\"locks\":" + rules.json()
          + ",\"errors\":" + Table.array(loaded.errors()) + ",\"warnings\":" + Table.array(loaded.warnings())
          + ",\"notes\":" + Table.array(loaded.notes()) + "}");
      return ok ? Cli.OK : Cli.FAILED;
    }
    settings.print(out);
    if (!rules.isEmpty()) {
      out.println();
      rules.print(out);
    }
    loaded.notes().forEach(note -> out.println("note: " + note));
    loaded.warnings().forEach(warning -> out.println("warning: " + warning));
    loaded.errors().forEach(error -> out.println("error: " + error));
    if (loaded.connectionProblem() != null) {
      out.println("error: an agent with this configuration would not connect to Redis: "
          + loaded.connectionProblem());
    }
    return ok ? Cli.OK : Cli.FAILED;
  }

  private static String value(Setting setting, AgentConfig config) {
    switch (setting) {
      case REDIS_URL:
        return config.redisUrl() == null ? "(none)" : RedisUrls.mask(config.redisUrl());
      case REDIS_HOST:
        return config.redisHost();
      case REDIS_PORT:
        return String.valueOf(config.redisPort());
      case REDIS_USERNAME:
        return config.redisUsername() == null ? "(none)" : config.redisUsername();
      case REDIS_PASSWORD:
        return config.redisPassword() == null ? "(none)" : "****";
      case REDIS_CLUSTER_NODES:
        return config.clusterNodes().isEmpty() ? "(none)" : String.join(",", config.clusterNodes());
      case REDIS_DB:
        return config.redisDb() == null ? "0" : String.valueOf(config.redisDb());
      case REDIS_TLS_CA_FILE:
        return config.tls().caFile() == null ? "(JVM default trust store)" : config.tls().caFile();
      case REDIS_TLS_CERT_FILE:
        return config.tls().certFile() == null ? "(none)" : config.tls().certFile();
      case REDIS_TLS_KEY_FILE:
        return config.tls().keyFile() == null ? "(none)" : config.tls().keyFile();
      case REDIS_TLS_VERIFY:
        return config.tls().verify() == null ? "(the URL's verifyPeer, else full)"
            : config.tls().verify().name().toLowerCase(Locale.ROOT);
      case KEY_PREFIX:
        return "\"" + config.keyPrefix() + "\"";
      case TIMEOUT:
        return Durations.format(config.timeout());
      case CONNECT_TIMEOUT:
        return Durations.format(config.connectTimeout());
      case FAIL_MODE:
        return config.failMode().settingName();
      case DEFAULT_TTL:
        return Durations.format(config.defaultTtl());
      case KEEP_ALIVE:
        return String.valueOf(config.keepAlive());
      case MIN_REPLICAS:
        return String.valueOf(config.minReplicas());
      case LOG_LEVEL:
        return config.logLevel().name().toLowerCase(Locale.ROOT);
      case UNMATCHED_RULES_AFTER:
        return Durations.format(config.unmatchedRulesAfter());
      case HISTORY_RUNS:
        return String.valueOf(config.history().runs());
      case HISTORY_MAX_AGE:
        return Durations.format(config.history().maxAge());
      default:
        throw new IllegalArgumentException(setting.key());
    }
  }
}
