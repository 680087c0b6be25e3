package io.github.distlock.agent.core.lock;

/**
 * The values of one {@code @DistributedLock} as written in the class file, not yet checked: {@link LockSites}
 * validates them when it registers the method.
 */
public final class LockAttributes {

  private final String key;
  private final String ttl;
  private final String lockAtLeastFor;
  private final boolean keepAlive;

  /**
   * @param ttl empty for the configured default
   * @param lockAtLeastFor a duration; {@code "0"} when the annotation leaves it out
   */
  public LockAttributes(String key, String ttl, String lockAtLeastFor, boolean keepAlive) {
    this.key = key;
    this.ttl = ttl;
    this.lockAtLeastFor = lockAtLeastFor;
    this.keepAlive = keepAlive;
  }

  public String key() {
    return key;
  }

  public String ttl() {
    return ttl;
  }

  public String lockAtLeastFor() {
    return lockAtLeastFor;
  }

  public boolean keepAlive() {
    return keepAlive;
  }
}
