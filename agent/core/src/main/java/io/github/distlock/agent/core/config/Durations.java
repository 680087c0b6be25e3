package io.github.distlock.agent.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duration strings as users write them: plain milliseconds ({@code "300000"}, the seed's unit), a number with a
 * unit ({@code "500ms"}, {@code "30s"}, {@code "5m"}, {@code "2h"}, {@code "1d"}) or ISO-8601 ({@code "PT5M"}).
 */
public final class Durations {

  /** The accepted forms, for error messages. */
  public static final String EXPECTED =
      "milliseconds (\"300000\"), a number with a unit ms, s, m, h or d (\"500ms\", \"30s\", \"5m\"),"
          + " or ISO-8601 (\"PT5M\")";

  /** The longest duration accepted anywhere. */
  static final Duration LONGEST = Duration.ofDays(365);

  private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)?");

  private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
  private static final String[] UNIT_NAMES = {"d", "h", "m", "s"};

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is none of the accepted forms, or negative
   */
  public static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = NUMBER_WITH_UNIT.matcher(trimmed);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        return checkRange(unit == null ? Duration.ofMillis(amount) : withUnit(amount, unit));
      }
      if (trimmed.startsWith("p")) {
        Duration parsed = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        if (!parsed.isNegative()) {
          return checkRange(parsed);
        }
      }
    } catch (DateTimeParseException e) {
      // Falls through to the common error below.
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large a duration: expected at most 365d, as "
          + EXPECTED, e);
    }
    throw new IllegalArgumentException("\"" + text + "\" is not a duration: expected " + EXPECTED);
  }

  /** Formats for people: the largest unit that divides it exactly, e.g. {@code 2s}, {@code 1500ms}, {@code 5m}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      if (millis != 0 && millis % UNIT_MILLIS[i] == 0) {
        return millis / UNIT_MILLIS[i] + UNIT_NAMES[i];
      }
    }
    return millis + "ms";
  }

  // Durations end up in Redis' milliseconds and in deadlines of System.nanoTime() plus a duration; one that would
  // overflow either is an input error, not a crash later inside the agent. No lock needs to live a year.
  private static Duration checkRange(Duration duration) {
    if (duration.compareTo(LONGEST) > 0) {
      throw new ArithmeticException("longer than " + LONGEST);
    }
    return duration;
  }

  private static Duration withUnit(long amount, String unit) {
    switch (unit) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }
}
