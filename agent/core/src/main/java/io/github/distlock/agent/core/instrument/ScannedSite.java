package io.github.distlock.agent.core.instrument;

/**
 * One lock site found by {@link LockSiteScanner}: the method, the lock it would take and, when its values are
 * wrong or the lock cannot work as written, why.
 */
public final class ScannedSite {

  private final String method;
  private final String redisKey;
  private final String ttl;
  private final String lockAtLeastFor;
  private final boolean keepAlive;
  private final String failMode;
  private final String held;
  private final String source;
  private final String location;
  private final String problem;

  ScannedSite(String method, String redisKey, String ttl, String lockAtLeastFor, boolean keepAlive,
      String failMode, String held, String source, String location, String problem) {
    this.method = method;
    this.redisKey = redisKey;
    this.ttl = ttl;
    this.lockAtLeastFor = lockAtLeastFor;
    this.keepAlive = keepAlive;
    this.failMode = failMode;
    this.held = held;
    this.source = source;
    this.location = location;
    this.problem = problem;
  }

  /** {@code Class#method(types)}. */
  public String method() {
    return method;
  }

  /** The Redis key with its prefix, or its template; empty when the values leave none. */
  public String redisKey() {
    return redisKey;
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

  /** What a call does when Redis cannot answer: {@code open}, {@code closed} or {@code lastHolder}. */
  public String failMode() {
    return failMode;
  }

  /** How long a call holds the lock: until return, until its result settles, per subscription. */
  public String held() {
    return held;
  }

  /** {@code @DistributedLock}, or the lock rule's file and line. */
  public String source() {
    return source;
  }

  /** Where the class file is: the archive or directory, and the nested jar. */
  public String location() {
    return location;
  }

  /** What is wrong, naming the method; {@code null} when the lock works as written. */
  public String problem() {
    return problem;
  }
}
