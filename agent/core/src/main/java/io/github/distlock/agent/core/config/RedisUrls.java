package io.github.distlock.agent.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis URL checks and masking; a URL may carry a password, so it is never printed as given. The check is done
 * here, with the JDK's URI parser, rather than by Lettuce: loading Lettuce (and the Reactor classes it pulls in)
 * would put tens of milliseconds into every JVM's premain, also in JVMs that never take a lock.
 */
final class RedisUrls {

  static final String EXPECTED =
      "redis://[user:password@]host[:port][/db], rediss://... (TLS) or redis-sentinel://host[:port][,host2]/db#master";

  private static final String SENTINEL = "redis-sentinel://";
  private static final Pattern SERVER = Pattern.compile("rediss?://[^/?#]+(/[0-9]*)?");
  private static final Pattern SENTINELS = Pattern.compile("([^@/?#]*@)?([^@/?#]+)(/[0-9]*)?#.+");
  private static final Pattern USER_INFO = Pattern.compile("^([a-z-]+://)([^@/]*)@");

  private RedisUrls() {}

  /** Whether {@code url} has one of the {@link #EXPECTED} forms, with hosts, ports and database that parse. */
  static boolean isValid(String url) {
    if (url.startsWith(SENTINEL)) {
      Matcher sentinel = SENTINELS.matcher(url.substring(SENTINEL.length()));
      if (!sentinel.matches()) {
        return false;
      }
      for (String hostAndPort : sentinel.group(2).split(",", -1)) {
        if (!isServer("redis://" + hostAndPort)) {
          return false;
        }
      }
      return hasDatabase(sentinel.group(3));
    }
    return SERVER.matcher(url).matches() && isServer(url);
  }

  private static boolean isServer(String url) {
    try {
      URI uri = new URI(url);
      int port = uri.getPort();
      return uri.getHost() != null && (port == -1 || port > 0 && port <= 65_535) && hasDatabase(uri.getPath());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean hasDatabase(String path) {
    if (path == null || path.length() <= 1) {
      return true;
    }
    try {
      Integer.parseInt(path.substring(1));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
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
