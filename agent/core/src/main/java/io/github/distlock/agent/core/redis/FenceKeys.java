package io.github.distlock.agent.core.redis;

/**
 * Names the fencing counter of a lock key. The counter must start with the key prefix, because an ACL user is
 * often limited to {@code ~<prefix>*}, and must hash to the lock key's cluster slot, because the fence script
 * touches both keys at once.
 */
public final class FenceKeys {

  private FenceKeys() {}

  /** @param prefix the configured key prefix, with which {@code lockKey} starts */
  public static String of(String prefix, String lockKey) {
    if (ClusterSlots.hasHashTag(lockKey)) {
      // The tag decides the slot and a suffix cannot change it.
      return lockKey + ":fence";
    }
    if (lockKey.indexOf('{') < 0 && lockKey.indexOf('}') < 0) {
      // The whole lock key becomes the counter's tag; the prefix stays in front.
      return prefix + "{" + lockKey + "}:fence";
    }
    // Stray braces: neither form above keeps the slot, so pick the first numbered name that lands in it. Such a
    // name has no tag either (nothing added closes a brace), so about one name in 16384 fits.
    int slot = ClusterSlots.slot(lockKey);
    for (int n = 0; ; n++) {
      String candidate = lockKey + ":fence:" + n;
      if (ClusterSlots.slot(candidate) == slot) {
        return candidate;
      }
    }
  }
}
