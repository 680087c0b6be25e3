package io.github.distlock.agent.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redis URL checks and masking; a URL may carry a password, so it is never printed as given. */
final class RedisUrls {

  static final String EXPECTED =
      "redis://[user:password@]host[:port][/db], rediss://... (TLS) or redis-sentinel://host[:port][,host2]/db#master";

  private static final Pattern SCHEME = Pattern.compile("(rediss?|redis-sentinel)://.+");
  private static final Pattern USER_INFO = Pattern.compile("^([a-z-]+://)([^@/]*)@");

  private RedisUrls() {}

  static boolean hasKnownScheme(String url) {
    return SCHEME.matcher(url).matches();
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
