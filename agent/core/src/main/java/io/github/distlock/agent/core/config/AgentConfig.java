package io.github.distlock.agent.core.config;

import io.github.distlock.agent.core.base.LogLevel;
import io.github.distlock.bootstrap.FailMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The agent's effective configuration: immutable, validated, and printable without its secrets. */
public final class AgentConfig {

  private final String redisUrl;
  private final String redisHost;
  private final int redisPort;
  private final String redisUsername;
  private final String redisPassword;
  private final Integer redisDb;
  private final String keyPrefix;
  private final List<String> clusterNodes;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final FailMode failMode;
  private final Duration defaultTtl;
  private final boolean keepAlive;
  private final int minReplicas;
  private final LogLevel logLevel;
  private final Duration unmatchedRulesAfter;
  private final TlsSettings tls;
  private final HistoryRetention history;
  private final List<LockRule> lockRules;

  AgentConfig(ConfigValues values, List<LockRule> lockRules) {
    this.lockRules = Collections.unmodifiableList(new ArrayList<>(lockRules));
    this.redisUrl = values.redisUrl;
    this.redisHost = values.redisHost;
    this.redisPort = values.redisPort;
    this.redisUsername = values.redisUsername;
    this.redisPassword = values.redisPassword;
    this.redisDb = values.redisDb;
    this.keyPrefix = values.keyPrefix;
    this.clusterNodes = values.clusterNodes;
    this.timeout = values.timeout;
    this.connectTimeout = values.connectTimeout;
    this.failMode = values.failMode;
    this.defaultTtl = values.defaultTtl;
    this.keepAlive = values.keepAlive;
    this.minReplicas = values.minReplicas;
    this.logLevel = values.logLevel;
    this.unmatchedRulesAfter = values.unmatchedRulesAfter;
    this.tls = values.tls;
    this.history = values.history;
  }

  /** The config file's {@code locks:} rules, in file order. */
  public List<LockRule> lockRules() {
    return lockRules;
  }

  /**
   * The seed nodes of a Redis Cluster, {@code host:port}; empty when Redis is not a cluster. When set, they replace
   * the URL, host and port.
   */
  public List<String> clusterNodes() {
    return clusterNodes;
  }

  /** The Redis URL when one was configured; it then replaces host and port. */
  public String redisUrl() {
    return redisUrl;
  }

  public String redisHost() {
    return redisHost;
  }

  public int redisPort() {
    return redisPort;
  }

  /** The ACL user name, or {@code null}. */
  public String redisUsername() {
    return redisUsername;
  }

  /** The password, or {@code null}; never print it. */
  public String redisPassword() {
    return redisPassword;
  }

  /** The database number when set explicitly, else {@code null} (the URL's, or 0). */
  public Integer redisDb() {
    return redisDb;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  /** The longest any lock call may wait for Redis. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * How long a lock call waits for the first Redis connection of this JVM before it meets the fail mode; once
   * connected, {@link #timeout()} bounds every call.
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  public FailMode failMode() {
    return failMode;
  }

  /** The ttl of annotations that leave {@code ttl} empty. */
  public Duration defaultTtl() {
    return defaultTtl;
  }

  /** Whether every lock renews itself while its body runs, not only those whose annotation asks for it. */
  public boolean keepAlive() {
    return keepAlive;
  }

  /**
   * How many replicas must have the lock before it counts: acknowledged through {@code WAIT} after it is taken; 0
   * for none.
   */
  public int minReplicas() {
    return minReplicas;
  }

  public LogLevel logLevel() {
    return logLevel;
  }

  /** The {@code redis.tls.*} settings, for a {@code rediss://} URL. */
  public TlsSettings tls() {
    return tls;
  }

  /**
   * How long after the agent starts a lock rule that has locked no method is reported, with its near misses; zero
   * for never.
   */
  public Duration unmatchedRulesAfter() {
    return unmatchedRulesAfter;
  }

  /** How much run history each lock key keeps. */
  public HistoryRetention history() {
    return history;
  }

  /** One line for the start-up log, with the password masked. */
  public String describe() {
    String target = !clusterNodes.isEmpty() ? "cluster:" + String.join(",", clusterNodes)
        : redisUrl != null
        ? RedisUrls.mask(redisUrl)
        : "redis://" + redisHost + ":" + redisPort + "/" + (redisDb == null ? 0 : redisDb);
    return "redis=" + target
        + (redisUrl != null && redisDb != null ? " db=" + redisDb : "")
        + " username=" + (redisUsername == null ? "(none)" : redisUsername)
        + " password=" + (redisPassword == null ? "(none)" : "****")
        + " keyPrefix=\"" + keyPrefix + "\""
        + " timeout=" + Durations.format(timeout)
        + " connectTimeout=" + Durations.format(connectTimeout)
        + " failMode=" + failMode.settingName()
        + " defaultTtl=" + Durations.format(defaultTtl)
        + " keepAlive=" + keepAlive
        + " history=" + history.describe().replace(" ", "")
        + " logLevel=" + logLevel.name().toLowerCase(Locale.ROOT);
  }
}
