package io.github.distlock.agent.core.base;

import java.util.Locale;

/** How much the agent prints; each level includes the ones above it. */
public enum LogLevel {
  OFF,
  ERROR,
  WARN,
  INFO,
  DEBUG;

  /** Parses a level name case-insensitively, e.g. {@code "warn"}. */
  public static LogLevel parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  boolean includes(LogLevel other) {
    return other != OFF && other.ordinal() <= ordinal();
  }
}
