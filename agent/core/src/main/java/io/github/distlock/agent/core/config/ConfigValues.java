package io.github.distlock.agent.core.config;

import io.github.distlock.agent.core.base.LogLevel;
import io.github.distlock.bootstrap.FailMode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the winning raw value of each setting into a typed value. A bad value is reported with its origin and the
 * expected form, and leaves the default in place: for a setting that only shapes this JVM's behaviour the agent
 * then locks with the default, for one the fleet shares it does not connect ({@link Findings#invalid}).
 */
final class ConfigValues {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  static final Duration DEFAULT_UNMATCHED_RULES_AFTER = Duration.ofMinutes(1);

  String redisUrl;
  String redisHost = "localhost";
  int redisPort = 6379;
  String redisUsername;
  String redisPassword;
  Integer redisDb;
  String keyPrefix = "";
  List<String> clusterNodes = Collections.emptyList();
  Duration timeout = DEFAULT_TIMEOUT;
  Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  FailMode failMode = FailMode.OPEN;
  Duration defaultTtl = DEFAULT_TTL;
  boolean keepAlive;
  int minReplicas;
  LogLevel logLevel = LogLevel.INFO;
  Duration unmatchedRulesAfter = DEFAULT_UNMATCHED_RULES_AFTER;
  TlsSettings tls = TlsSettings.NONE;
  HistoryRetention history = HistoryRetention.DEFAULT;

  private final Map<Setting, RawValue> raw;
  private final Findings findings;

  ConfigValues(Map<Setting, RawValue> raw, Findings findings) {
    this.raw = raw;
    this.findings = findings;
    parse();
  }

  private void parse() {
    redisHost = parsed(Setting.REDIS_HOST, redisHost, ConfigValues::hostName, "a host name or IP address");
    redisPort = parsed(Setting.REDIS_PORT, redisPort, text -> inRange(text, 1, 65_535),
        "a port number from 1 to 65535");
    // An empty credential, e.g. REDIS_PASSWORD= in a compose file, means none, as it did for the seed.
    redisUsername = emptyToNull(text(Setting.REDIS_USERNAME, null));
    redisPassword = emptyToNull(text(Setting.REDIS_PASSWORD, null));
    redisDb = parsed(Setting.REDIS_DB, null, text -> inRange(text, 0, Integer.MAX_VALUE),
        "a database number, 0 or more");
    keyPrefix = text(Setting.KEY_PREFIX, keyPrefix);
    timeout = parsed(Setting.TIMEOUT, timeout, ConfigValues::positiveDuration,
        "a positive duration: " + Durations.EXPECTED + usingDefault(Durations.format(timeout)));
    connectTimeout = parsed(Setting.CONNECT_TIMEOUT, connectTimeout, ConfigValues::positiveDuration,
        "a positive duration: " + Durations.EXPECTED + usingDefault(Durations.format(connectTimeout)));
    defaultTtl = parsed(Setting.DEFAULT_TTL, defaultTtl, ConfigValues::positiveDuration,
        "a positive duration: " + Durations.EXPECTED + usingDefault(Durations.format(defaultTtl)));
    failMode = parsed(Setting.FAIL_MODE, failMode, ConfigValues::failMode,
        FailMode.EXPECTED + usingDefault(failMode.settingName()));
    keepAlive = parsed(Setting.KEEP_ALIVE, keepAlive, ConfigValues::strictBoolean,
        "true or false" + usingDefault(Boolean.toString(keepAlive)));
    minReplicas = parsed(Setting.MIN_REPLICAS, minReplicas, text -> inRange(text, 0, 100),
        "a number of replicas from 0 to 100" + usingDefault(Integer.toString(minReplicas)));
    logLevel = parsed(Setting.LOG_LEVEL, logLevel, LogLevel::parse,
        "off, error, warn, info or debug" + usingDefault(logLevel.name().toLowerCase(Locale.ROOT)));
    // Durations.parse rejects negative values; 0 turns the report off.
    unmatchedRulesAfter = parsed(Setting.UNMATCHED_RULES_AFTER, unmatchedRulesAfter, Durations::parse,
        "a duration, 0 for no report: " + Durations.EXPECTED + usingDefault(Durations.format(unmatchedRulesAfter)));
    history = new HistoryRetention(
        parsed(Setting.HISTORY_RUNS, history.runs(), text -> inRange(text, 0, 10_000),
            "a number of runs from 0 (no history) to 10000" + usingDefault(Integer.toString(history.runs()))),
        parsed(Setting.HISTORY_MAX_AGE, history.maxAge(), Durations::parse,
            "a duration, 0 for no history: " + Durations.EXPECTED + usingDefault(Durations.format(history.maxAge()))));
    clusterNodes = parsed(Setting.REDIS_CLUSTER_NODES, clusterNodes, ClusterNodes::parse, ClusterNodes.EXPECTED);
    redisUrl = url();
    tls = TlsSettings.parse(raw, redisUrl, !clusterNodes.isEmpty(), findings);
    if (!clusterNodes.isEmpty() && minReplicas > 0) {
      // WAIT counts one connection's writes, and a cluster's are spread over as many connections as primaries.
      findings.warning(raw.get(Setting.MIN_REPLICAS).origin + ": minReplicas is not supported with"
          + " redis.cluster.nodes yet, and is ignored: locks are not confirmed by replicas");
      minReplicas = 0;
    }
  }

  private String text(Setting setting, String fallback) {
    RawValue value = raw.get(setting);
    return value == null ? fallback : value.text;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** The parsed value, or, when the text is invalid, the fallback and an error; parsers signal with IAE. */
  private <T> T parsed(Setting setting, T fallback, Function<String, T> parser, String expected) {
    RawValue value = raw.get(setting);
    if (value == null) {
      return fallback;
    }
    try {
      return parser.apply(value.text);
    } catch (IllegalArgumentException e) {
      findings.invalidValue(setting, value, expected);
      return fallback;
    }
  }

  private static String usingDefault(String value) {
    return "; using the default, " + value;
  }

  private static String hostName(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.matches(".*[\\s/@].*")) {
      throw new IllegalArgumentException("not a host");
    }
    return trimmed;
  }

  private static FailMode failMode(String text) {
    FailMode mode = FailMode.forSetting(text);
    if (mode == null) {
      throw new IllegalArgumentException("not a fail mode");
    }
    return mode;
  }

  private static int inRange(String text, int min, int max) {
    int parsed = Integer.parseInt(text.trim());
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException("out of range");
    }
    return parsed;
  }

  // Boolean.parseBoolean would read "yes" or "ture" as false without a word.
  private static boolean strictBoolean(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (!trimmed.equals("true") && !trimmed.equals("false")) {
      throw new IllegalArgumentException("not a boolean");
    }
    return trimmed.equals("true");
  }

  private static Duration positiveDuration(String text) {
    Duration parsed = Durations.parse(text);
    if (parsed.isZero()) {
      throw new IllegalArgumentException("zero");
    }
    return parsed;
  }

  private String url() {
    RawValue value = raw.get(Setting.REDIS_URL);
    if (value == null) {
      return null;
    }
    String url = value.text.trim();
    if (RedisUrls.isValid(url)) {
      return url;
    }
    findings.invalidValue(Setting.REDIS_URL, value, RedisUrls.EXPECTED);
    return null;
  }
}
