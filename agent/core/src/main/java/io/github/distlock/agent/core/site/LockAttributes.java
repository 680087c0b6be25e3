package io.github.distlock.agent.core.site;

import java.util.List;

/**
 * The values of one {@code @DistributedLock} as written in the class file, not yet checked: {@link LockSites}
 * validates them when it registers the method.
 */
public final class LockAttributes {

  private final String key;
  private final String ttl;
  private final String lockAtLeastFor;
  private final boolean keepAlive;
  private final String failMode;
  private final List<String> parameterNames;
  private final String source;

  /** The values of an annotation. */
  public LockAttributes(String key, String ttl, String lockAtLeastFor, boolean keepAlive, String failMode,
      List<String> parameterNames) {
    this(key, ttl, lockAtLeastFor, keepAlive, failMode, parameterNames, "@DistributedLock");
  }

  /**
   * @param ttl empty for the configured default
   * @param lockAtLeastFor a duration; {@code "0"} when the annotation leaves it out
   * @param failMode empty for the configured fail mode; else as written, a setting ({@code lastHolder}) or the
   *     annotation's constant ({@code LAST_HOLDER})
   * @param parameterNames the method's, one per parameter, {@code null} where the class file records none: a key
   *     may name them
   * @param source where the values come from, as messages name it: {@code @DistributedLock}, or a lock rule
   */
  public LockAttributes(String key, String ttl, String lockAtLeastFor, boolean keepAlive, String failMode,
      List<String> parameterNames, String source) {
    this.source = source;
    this.key = key;
    this.ttl = ttl;
    this.lockAtLeastFor = lockAtLeastFor;
    this.keepAlive = keepAlive;
    this.failMode = failMode;
    this.parameterNames = parameterNames;
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

  /** Empty for the configured fail mode. */
  public String failMode() {
    return failMode;
  }

  /** {@code @DistributedLock}, or {@code lock rule at file:line}. */
  public String source() {
    return source;
  }

  public List<String> parameterNames() {
    return parameterNames;
  }
}
