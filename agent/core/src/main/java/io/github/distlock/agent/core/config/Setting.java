package io.github.distlock.agent.core.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * Every configuration setting, with the names it has in each source: agent argument and YAML ({@code redis.host}),
 * system property ({@code distlock.redis.host}), environment ({@code DISTLOCK_REDIS_HOST}) and, where the NestJS
 * seed had one, its environment variable ({@code REDIS_HOST}).
 */
public enum Setting {
  REDIS_URL("redis.url", "REDIS_URL"),
  REDIS_HOST("redis.host", "REDIS_HOST"),
  REDIS_PORT("redis.port", "REDIS_PORT"),
  REDIS_USERNAME("redis.username", null),
  REDIS_PASSWORD("redis.password", "REDIS_PASSWORD"),
  REDIS_DB("redis.db", "REDIS_DB"),
  KEY_PREFIX("keyPrefix", "REDIS_KEY_PREFIX"),
  TIMEOUT("timeout", null),
  CONNECT_TIMEOUT("connectTimeout", null),
  FAIL_MODE("failMode", null),
  DEFAULT_TTL("defaultTtl", null),
  KEEP_ALIVE("keepAlive", null),
  LOG_LEVEL("logLevel", null),
  /** The YAML file itself: set by agent argument, system property or environment, never inside the file. */
  CONFIG_FILE("config", null);

  private final String key;
  private final String seedEnvName;

  Setting(String key, String seedEnvName) {
    this.key = key;
    this.seedEnvName = seedEnvName;
  }

  /** The name in agent arguments and YAML. */
  public String key() {
    return key;
  }

  public String systemProperty() {
    return "distlock." + key;
  }

  /** {@code DISTLOCK_} and the key in upper snake case: {@code keyPrefix} becomes {@code DISTLOCK_KEY_PREFIX}. */
  public String envName() {
    return "DISTLOCK_" + key.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The seed's environment variable, or {@code null}. */
  public String seedEnvName() {
    return seedEnvName;
  }

  public boolean isSecret() {
    return this == REDIS_PASSWORD;
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

  /** The known agent-argument and YAML names, for error messages. */
  public static String knownKeys() {
    return list(Setting::key);
  }

  /** The known {@code DISTLOCK_*} names, for error messages. */
  public static String knownEnvNames() {
    return list(Setting::envName);
  }

  private static String list(Function<Setting, String> name) {
    StringBuilder names = new StringBuilder();
    for (Setting setting : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(name.apply(setting));
    }
    return names.toString();
  }
}
