package io.github.distlock.agent.core.history;

/**
 * Who an owner token names. distlock's tokens read {@code host:pid:random.counter.since}, {@code since} being the
 * acquisition's epoch milliseconds in base 36; tokens of other implementations (the NestJS seed's UUIDs, a bare
 * number) name nobody, and their keys are still shown as held.
 */
public final class Owner {

  private static final Owner UNKNOWN = new Owner(null, null, -1);

  private final String host;
  private final String pid;
  private final long sinceMillis;

  private Owner(String host, String pid, long sinceMillis) {
    this.host = host;
    this.pid = pid;
    this.sinceMillis = sinceMillis;
  }

  /** What {@code token} says of its owner; every part it does not say is unknown. */
  public static Owner of(String token) {
    int last = token.lastIndexOf(':');
    int beforeLast = last > 0 ? token.lastIndexOf(':', last - 1) : -1;
    if (beforeLast <= 0 || !isDigits(token, beforeLast + 1, last)) {
      return UNKNOWN;
    }
    String tail = token.substring(last + 1);
    long since = -1;
    int dot = tail.lastIndexOf('.');
    if (dot > 0 && tail.indexOf('.') < dot) {
      try {
        since = Long.parseLong(tail.substring(dot + 1), 36);
      } catch (NumberFormatException e) {
        // An older distlock's token, host:pid:random.counter: the holder is known, not since when.
      }
    }
    return new Owner(token.substring(0, beforeLast), token.substring(beforeLast + 1, last), since);
  }

  /** The host, or {@code null} when the token does not say. */
  public String host() {
    return host;
  }

  /** The process id, or {@code null} when the token does not say. */
  public String pid() {
    return pid;
  }

  /** When the owner took the lock, in epoch milliseconds by its clock, or -1 when the token does not say. */
  public long sinceMillis() {
    return sinceMillis;
  }

  private static boolean isDigits(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
