package io.github.distlock.agent.core.redis;

/**
 * Names the keys that go with a lock key: its fencing counter and its run history. Each must start with the key
 * prefix, because an ACL user is often limited to {@code ~<prefix>*}, and must hash to the lock key's cluster slot,
 * because one script touches the lock key and its companion at once.
 */
public final class CompanionKeys {

  public static final String FENCE = "fence";
  public static final String RUNS = "runs";

  private CompanionKeys() {}

  /** @param prefix the configured key prefix, with which {@code lockKey} starts */
  public static String fence(String prefix, String lockKey) {
    return of(prefix, lockKey, FENCE);
  }

  /** The list of recent runs; see {@link RunEntries} for its entries. */
  public static String runs(String prefix, String lockKey) {
    return of(prefix, lockKey, RUNS);
  }

  /**
   * The lock key a companion key belongs to, or {@code null} when {@code key} is not named as a companion of kind
   * {@code suffix} would be.
   */
  public static String lockKeyOf(String prefix, String key, String suffix) {
    String end = ":" + suffix;
    String plain = prefix + "{";
    if (key.startsWith(plain) && key.endsWith("}" + end)) {
      String lockKey = key.substring(plain.length(), key.length() - end.length() - 1);
      if (of(prefix, lockKey, suffix).equals(key)) {
        return lockKey;
      }
    }
    int numbered = key.lastIndexOf(end + ":");
    String lockKey = key.endsWith(end) ? key.substring(0, key.length() - end.length())
        : numbered > 0 ? key.substring(0, numbered) : null;
    return lockKey != null && lockKey.startsWith(prefix) && of(prefix, lockKey, suffix).equals(key) ? lockKey
        : null;
  }

  private static String of(String prefix, String lockKey, String suffix) {
    if (ClusterSlots.hasHashTag(lockKey)) {
      // The tag decides the slot and a suffix cannot change it.
      return lockKey + ":" + suffix;
    }
    if (lockKey.indexOf('{') < 0 && lockKey.indexOf('}') < 0) {
      // The whole lock key becomes the companion's tag; the prefix stays in front.
      return prefix + "{" + lockKey + "}:" + suffix;
    }
    // Stray braces: neither form above keeps the slot, so pick the first numbered name that lands in it. Such a
    // name has no tag either (nothing added closes a brace), so about one name in 16384 fits.
    int slot = ClusterSlots.slot(lockKey);
    for (int n = 0; ; n++) {
      String candidate = lockKey + ":" + suffix + ":" + n;
      if (ClusterSlots.slot(candidate) == slot) {
        return candidate;
      }
    }
  }
}
