package io.github.distlock.agent.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis URL checks and masking; a URL may carry a password, so it is never printed as given. The check is done
 * here rather than by Lettuce: loading Lettuce (and the Reactor classes it pulls in) would put tens of
 * milliseconds into every JVM's premain, also in JVMs that never take a lock. It accepts the forms Lettuce
 * parses, including its query options, which Lettuce itself reads when it connects.
 */
final class RedisUrls {

  static final String EXPECTED =
      "redis://[user:password@]host[:port][/db], rediss://... (TLS) or redis-sentinel://host[:port][,host2]/db#master";

  private static final String USER_INFO_PART = "(?:(?:[^@/?#%\\s]|%[0-9A-Fa-f]{2})*@)?";
  private static final String NAME = "[^\\s:/?#@\\[\\],]+";
  private static final String PORT = "(?::(\\d{1,5}))?";
  private static final String DB_AND_QUERY = "(?:/\\d*)?(\\?[^#\\s]*)?";
  private static final Pattern SERVER = Pattern.compile(
      "rediss?://" + USER_INFO_PART + "(?:\\[[0-9A-Fa-f:.]+\\]|" + NAME + ")" + PORT + DB_AND_QUERY);
  private static final Pattern SENTINELS = Pattern.compile(
      "redis-sentinel://" + USER_INFO_PART + "(" + NAME + "(?::\\d{1,5})?(?:," + NAME + "(?::\\d{1,5})?)*)"
          + DB_AND_QUERY + "(#[^#\\s]+)?");
  private static final Pattern SENTINEL_HOST = Pattern.compile(NAME + PORT);
  private static final Pattern USER_INFO = Pattern.compile("^([a-z-]+://)([^@/]*)@");

  private RedisUrls() {}

  /** Whether {@code url} has one of the {@link #EXPECTED} forms, with ports in range. */
  static boolean isValid(String url) {
    Matcher server = SERVER.matcher(url);
    if (server.matches()) {
      return isPort(server.group(1));
    }
    Matcher sentinel = SENTINELS.matcher(url);
    if (!sentinel.matches()) {
      return false;
    }
    String query = sentinel.group(2);
    boolean namesMaster = sentinel.group(3) != null || query != null && query.contains("sentinelMasterId=");
    for (String host : sentinel.group(1).split(",")) {
      Matcher hostAndPort = SENTINEL_HOST.matcher(host);
      if (!hostAndPort.matches() || !isPort(hostAndPort.group(1))) {
        return false;
      }
    }
    return namesMaster;
  }

  private static boolean isPort(String digits) {
    if (digits == null) {
      return true;
    }
    int port = Integer.parseInt(digits);
    return port > 0 && port <= 65_535;
  }

  /** The URL with any password replaced by {@code ****}; a lone user-info part is a password to Lettuce. */
  static String mask(String url) {
    Matcher matcher = USER_INFO.matcher(url);
    if (!matcher.find()) {
      return url;
    }
    String userInfo = matcher.group(2);
    int colon = userInfo.indexOf(':');
    String masked = colon >= 0 ? userInfo.substring(0, colon) + ":****" : "****";
    return matcher.group(1) + masked + "@" + url.substring(matcher.end());
  }
}
