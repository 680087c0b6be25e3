package io.github.distlock.agent.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every configuration setting, with the names it has in each source: agent argument and YAML ({@code redis.host}),
 * system property ({@code distlock.redis.host}), environment ({@code DISTLOCK_REDIS_HOST}) and, where the NestJS
 * seed had one, its environment variable ({@code REDIS_HOST}).
 */
public enum Setting {
  REDIS_URL("redis.url", "REDIS_URL", Scope.FLEET),
  REDIS_HOST("redis.host", "REDIS_HOST", Scope.FLEET),
  REDIS_PORT("redis.port", "REDIS_PORT", Scope.FLEET),
  REDIS_USERNAME("redis.username", null, Scope.FLEET),
  REDIS_PASSWORD("redis.password", "REDIS_PASSWORD", Scope.FLEET),
  REDIS_DB("redis.db", "REDIS_DB", Scope.FLEET),
  REDIS_CLUSTER_NODES("redis.cluster.nodes", null, Scope.FLEET),
  REDIS_TLS_CA_FILE("redis.tls.caFile", null, Scope.FLEET),
  REDIS_TLS_CERT_FILE("redis.tls.certFile", null, Scope.FLEET),
  REDIS_TLS_KEY_FILE("redis.tls.keyFile", null, Scope.FLEET),
  REDIS_TLS_VERIFY("redis.tls.verify", null, Scope.FLEET),
  KEY_PREFIX("keyPrefix", "REDIS_KEY_PREFIX", Scope.FLEET),
  TIMEOUT("timeout", null, Scope.THIS_JVM),
  CONNECT_TIMEOUT("connectTimeout", null, Scope.THIS_JVM),
  FAIL_MODE("failMode", null, Scope.THIS_JVM),
  DEFAULT_TTL("defaultTtl", null, Scope.THIS_JVM),
  KEEP_ALIVE("keepAlive", null, Scope.THIS_JVM),
  MIN_REPLICAS("minReplicas", null, Scope.THIS_JVM),
  LOG_LEVEL("logLevel", null, Scope.THIS_JVM),
  UNMATCHED_RULES_AFTER("unmatchedRulesAfter", null, Scope.THIS_JVM),
  HISTORY_RUNS("history.runs", null, Scope.THIS_JVM),
  HISTORY_MAX_AGE("history.maxAge", null, Scope.THIS_JVM),
  /** The YAML file itself: set by agent argument, system property or environment, never inside the file. */
  CONFIG_FILE("config", null, Scope.FLEET);

  /** What a bad value of a setting puts at stake, and so what the agent does about it. */
  public enum Scope {
    /**
     * Which Redis and which keys the replicas share. A guess here could split the fleet into replicas that lock
     * in different places, so a bad value keeps the agent off Redis and says so loudly.
     */
    FLEET,
    /** How this JVM waits, fails and logs. A bad value is reported and the default applies: locking still works. */
    THIS_JVM
  }

  private final String key;
  private final String seedEnvName;
  private final Scope scope;

  Setting(String key, String seedEnvName, Scope scope) {
    this.key = key;
    this.seedEnvName = seedEnvName;
    this.scope = scope;
  }

  /** The name in agent arguments and YAML. */
  public String key() {
    return key;
  }

  /** {@code DISTLOCK_} and the key in upper snake case: {@code keyPrefix} becomes {@code DISTLOCK_KEY_PREFIX}. */
  public String envName() {
    return "DISTLOCK_" + key.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The seed's environment variable, or {@code null}. */
  public String seedEnvName() {
    return seedEnvName;
  }

  public Scope scope() {
    return scope;
  }

  /** The setting with this agent-argument or YAML name, or {@code null}. */
  public static Setting byKey(String key) {
    for (Setting setting : values()) {
      if (setting.key.equals(key)) {
        return setting;
      }
    }
    return null;
  }

  /** The setting with this {@code DISTLOCK_*} environment name, or {@code null}. */
  public static Setting byEnvName(String name) {
    for (Setting setting : values()) {
      if (setting.envName().equals(name)) {
        return setting;
      }
    }
    return null;
  }

  /** The known agent-argument and YAML names. */
  public static List<String> keys() {
    return names(Setting::key);
  }

  /** The known {@code DISTLOCK_*} names. */
  public static List<String> envNames() {
    return names(Setting::envName);
  }

  private static List<String> names(Function<Setting, String> name) {
    List<String> names = new ArrayList<>();
    for (Setting setting : values()) {
      names.add(name.apply(setting));
    }
    return names;
  }
}
