package io.github.distlock.bootstrap;

/** What a locked method does when Redis cannot answer within the timeout, or the lock cannot be set up. */
public enum FailMode {
  /** Run the body without a lock (the default: a missed job is usually worse than a duplicate). */
  OPEN("open"),
  /** Skip the body, as if another replica held the lock. */
  CLOSED("closed"),
  /**
   * Run the body only in the JVM that held the lock last, as far as its own lock calls tell; skip it everywhere
   * else, and wherever no lock call was answered yet.
   */
  LAST_HOLDER("lastHolder");

  /** The settings that name a mode, for messages. */
  public static final String EXPECTED = "open, closed or lastHolder";

  private final String settingName;

  FailMode(String settingName) {
    this.settingName = settingName;
  }

  /** As the {@code failMode} setting writes it: {@code open}, {@code closed}, {@code lastHolder}. */
  public String settingName() {
    return settingName;
  }

  /**
   * The mode a setting ({@code lastHolder}) or the annotation's constant ({@code LAST_HOLDER}) names, in any letter
   * case; {@code null} when it names none.
   */
  public static FailMode forSetting(String text) {
    String wanted = text.trim();
    for (FailMode mode : values()) {
      if (mode.settingName.equalsIgnoreCase(wanted) || mode.name().equalsIgnoreCase(wanted)) {
        return mode;
      }
    }
    return null;
  }
}
