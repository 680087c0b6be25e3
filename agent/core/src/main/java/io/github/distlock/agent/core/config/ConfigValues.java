package io.github.distlock.agent.core.config;

import io.github.distlock.agent.core.LogLevel;
import io.github.distlock.bootstrap.FailMode;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the winning raw value of each setting into a typed value. A bad value is reported with its origin and the
 * expected form, and leaves the default in place so that the rest of the configuration is still described.
 */
final class ConfigValues {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  String redisUrl;
  String redisHost = "localhost";
  int redisPort = 6379;
  String redisUsername;
  String redisPassword;
  Integer redisDb;
  String keyPrefix = "";
  Duration timeout = DEFAULT_TIMEOUT;
  FailMode failMode = FailMode.OPEN;
  Duration defaultTtl = DEFAULT_TTL;
  LogLevel logLevel = LogLevel.INFO;

  private final Map<Setting, RawValue> raw;
  private final List<String> errors;

  ConfigValues(Map<Setting, RawValue> raw, List<String> errors) {
    this.raw = raw;
    this.errors = errors;
    parse();
  }

  private void parse() {
    redisHost = text(Setting.REDIS_HOST, redisHost);
    redisPort = integer(Setting.REDIS_PORT, redisPort, 1, 65_535, "a port number from 1 to 65535");
    // An empty credential, e.g. REDIS_PASSWORD= in a compose file, means none, as it did for the seed.
    redisUsername = emptyToNull(text(Setting.REDIS_USERNAME, null));
    redisPassword = emptyToNull(text(Setting.REDIS_PASSWORD, null));
    if (raw.containsKey(Setting.REDIS_DB)) {
      redisDb = integer(Setting.REDIS_DB, 0, 0, Integer.MAX_VALUE, "a database number, 0 or more");
    }
    keyPrefix = text(Setting.KEY_PREFIX, keyPrefix);
    timeout = positiveDuration(Setting.TIMEOUT, timeout);
    defaultTtl = positiveDuration(Setting.DEFAULT_TTL, defaultTtl);
    failMode = failMode();
    logLevel = logLevel();
    redisUrl = url();
  }

  private String text(Setting setting, String fallback) {
    RawValue value = raw.get(setting);
    return value == null ? fallback : value.text;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private int integer(Setting setting, int fallback, int min, int max, String expected) {
    RawValue value = raw.get(setting);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.text.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below with the expected form.
    }
    reject(setting, value, expected);
    return fallback;
  }

  private Duration positiveDuration(Setting setting, Duration fallback) {
    RawValue value = raw.get(setting);
    if (value == null) {
      return fallback;
    }
    try {
      Duration parsed = Durations.parse(value.text);
      if (!parsed.isZero()) {
        return parsed;
      }
    } catch (IllegalArgumentException e) {
      // Reported below with the expected form.
    }
    reject(setting, value, "a positive duration: " + Durations.EXPECTED);
    return fallback;
  }

  private FailMode failMode() {
    RawValue value = raw.get(Setting.FAIL_MODE);
    if (value == null) {
      return failMode;
    }
    try {
      return FailMode.valueOf(value.text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      reject(Setting.FAIL_MODE, value, "open or closed");
      return failMode;
    }
  }

  private LogLevel logLevel() {
    RawValue value = raw.get(Setting.LOG_LEVEL);
    if (value == null) {
      return logLevel;
    }
    try {
      return LogLevel.parse(value.text);
    } catch (IllegalArgumentException e) {
      reject(Setting.LOG_LEVEL, value, "off, error, warn, info or debug");
      return logLevel;
    }
  }

  private String url() {
    RawValue value = raw.get(Setting.REDIS_URL);
    if (value == null) {
      return null;
    }
    String url = value.text.trim();
    if (RedisUrls.hasKnownScheme(url)) {
      try {
        RedisURI.create(url);
        return url;
      } catch (RuntimeException e) {
        // Lettuce's message may quote the URL, password included; report only the expected form.
      }
    }
    reject(Setting.REDIS_URL, value, RedisUrls.EXPECTED);
    return null;
  }

  private void reject(Setting setting, RawValue value, String expected) {
    String shown = setting == Setting.REDIS_URL ? RedisUrls.mask(value.text) : value.text;
    errors.add(value.origin + ": " + setting.key() + " = \"" + shown + "\" is not valid: expected " + expected);
  }
}
