package io.github.distlock.agent.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis URL checks and masking; a URL may carry a password, so it is never printed as given. The check is done
 * here rather than by Lettuce: loading Lettuce (and the Reactor classes it pulls in) would put tens of
 * milliseconds into every JVM's premain, also in JVMs that never take a lock. It accepts the forms Lettuce
 * parses, including its query options, which Lettuce itself reads when it connects.
 */
public final class RedisUrls {

  static final String EXPECTED =
      "redis://[user:password@]host[:port][/db], rediss://... (TLS) or redis-sentinel://host[:port][,host2]/db#master";

  // What java.net.URI, and so Lettuce, takes in user-info: unreserved and sub-delimiter characters, escapes, and
  // non-ASCII letters; not '"', '{', '|', '\\', a space or the like.
  private static final String USER_INFO_PART =
      "(?:(?:[A-Za-z0-9\\-_.!~*'();:&=+$,]|[^\\x00-\\x7F\\p{Cc}\\p{Z}]|%[0-9A-Fa-f]{2})*@)?";
  private static final String NAME = "[^\\s:/?#@\\[\\],]+";
  private static final String PORT = "(?::(\\d{1,5}))?";
  private static final String DB_AND_QUERY = "(?:/\\d*)?(\\?[^#\\s]*)?";
  private static final Pattern SERVER = Pattern.compile(
      "rediss?://" + USER_INFO_PART + "(?:\\[[0-9A-Fa-f:.]+\\]|" + NAME + ")" + PORT + DB_AND_QUERY);
  private static final Pattern SENTINELS = Pattern.compile(
      "redis-sentinel://" + USER_INFO_PART + "(" + NAME + "(?::\\d{1,5})?(?:," + NAME + "(?::\\d{1,5})?)*)"
          + DB_AND_QUERY + "(#[^#\\s]+)?");
  private static final Pattern SENTINEL_HOST = Pattern.compile(NAME + PORT);
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  private static final Pattern AUTHORITY = Pattern.compile("[^:/?#]*(:[^/?#]*)?");
  private static final Pattern PRINTABLE_USER = Pattern.compile("[A-Za-z0-9._~!$&'()*+;=%-]*");

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

  /**
   * The text with its user-info replaced by {@code ****}, keeping a plain user name; a lone user-info part is a
   * password to Lettuce. It takes any text, not only a valid URL: a password with an unencoded {@code @}, {@code /}
   * or {@code #}, an upper-case scheme or no scheme at all must be hidden too, so outside a valid URL everything up
   * to the last {@code @} counts as user-info.
   */
  public static String mask(String text) {
    int schemeEnd = text.indexOf("://");
    int start = schemeEnd > 0 && SCHEME.matcher(text.substring(0, schemeEnd)).matches() ? schemeEnd + 3 : 0;
    boolean valid = isValid(text);
    int at = valid ? userInfoEnd(text, start) : text.lastIndexOf('@');
    if (at < start) {
      return valid ? text : withoutOddPort(text, start);
    }
    String userInfo = text.substring(start, at);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? null : userInfo.substring(0, colon);
    String shown = user != null && PRINTABLE_USER.matcher(user).matches() ? user + ":****" : "****";
    return text.substring(0, start) + shown + text.substring(at);
  }

  // "redis://:secret" lacks the '@' but still ends in a password where the port should be.
  private static String withoutOddPort(String text, int start) {
    Matcher authority = AUTHORITY.matcher(text).region(start, text.length());
    if (authority.lookingAt() && authority.group(1) != null && !authority.group(1).matches(":\\d*")) {
      return text.substring(0, authority.start(1)) + ":****";
    }
    return text;
  }

  /** In a valid URL the user-info cannot hold '@', '/', '?' or '#': it ends at an '@' before any of them. */
  private static int userInfoEnd(String url, int start) {
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '@') {
        return i;
      }
      if (c == '/' || c == '?' || c == '#') {
        return -1;
      }
    }
    return -1;
  }
}
