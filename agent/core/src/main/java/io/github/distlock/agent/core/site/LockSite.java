package io.github.distlock.agent.core.site;

import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.bootstrap.FailMode;
import java.time.Duration;

/**
 * One {@code @DistributedLock} method as read from its class file: the Redis key (or the template it is built from
 * per call), the durations, or why its annotation is unusable. Resolved once at transform time so that a call does
 * no parsing.
 */
public final class LockSite {

  private final String name;
  private final FailMode failMode;
  private final String redisKey;
  private final String keyPrefix;
  /** {@code null} when the key is the same for every call. */
  private final KeyTemplate template;
  private final LockRequest request;
  private final long ttlMillis;
  private final long minHoldNanos;
  private final boolean keepAlive;
  private final String problem;
  /** A mistake in the key that did not stop the lock: reported as an error, once. */
  private final String keyProblem;

  private LockSite(String name, FailMode failMode, String keyPrefix, String key, KeyTemplate template, Duration ttl,
      Duration lockAtLeastFor, boolean keepAlive, String problem, String keyProblem) {
    this.name = name;
    this.failMode = failMode;
    this.keyPrefix = keyPrefix;
    this.keyProblem = keyProblem;
    this.template = template == null || template.isConstant() ? null : template;
    String fixedKey = template == null ? key : template.isConstant() ? template.constant() : key;
    this.redisKey = key == null ? null : keyPrefix + fixedKey;
    this.ttlMillis = ttl == null ? 0 : ttl.toMillis();
    // For a key built per call, the settings every call's request shares; its key is the template's text.
    this.request = key == null ? null : new LockRequest(redisKey, ttlMillis, failMode);
    this.minHoldNanos = lockAtLeastFor == null ? 0 : lockAtLeastFor.toNanos();
    this.keepAlive = keepAlive;
    this.problem = problem;
  }

  /**
   * @param key the annotation's key, as written
   * @param template {@code key} compiled
   */
  static LockSite valid(String name, FailMode failMode, String keyPrefix, String key, KeyTemplate template,
      Duration ttl, Duration lockAtLeastFor, boolean keepAlive) {
    return new LockSite(name, failMode, keyPrefix, key, template, ttl, lockAtLeastFor, keepAlive, null, null);
  }

  /**
   * A site whose key looks like a template but is not a valid one: every call locks {@code key} as it stands,
   * and {@code keyProblem} says why.
   */
  static LockSite literalKey(String name, FailMode failMode, String keyPrefix, String key, Duration ttl,
      Duration lockAtLeastFor, boolean keepAlive, String keyProblem) {
    return new LockSite(name, failMode, keyPrefix, key, null, ttl, lockAtLeastFor, keepAlive, null, keyProblem);
  }

  static LockSite invalid(String name, FailMode failMode, String problem) {
    return new LockSite(name, failMode, "", null, null, null, null, false, problem, null);
  }

  /** {@code Class#method}, for messages. */
  public String name() {
    return name;
  }

  /** What the method does when the lock cannot be decided: Redis unavailable, or the site unusable. */
  public FailMode failMode() {
    return failMode;
  }

  /** The Redis key, prefix included; for a key built per call, its template: for messages. */
  public String redisKey() {
    return redisKey;
  }

  /** Whether the key is built from each call's arguments. */
  public boolean isTemplated() {
    return template != null;
  }

  /**
   * The acquire's arguments for one call: the same object every time unless the key is built from
   * {@code args}, which may then be {@code null} only for a site that is not templated.
   */
  public LockRequest request(Object[] args) {
    return template == null ? request : request.withKey(keyPrefix + template.render(args));
  }

  public long ttlMillis() {
    return ttlMillis;
  }

  public long minHoldNanos() {
    return minHoldNanos;
  }

  /** Whether the lock is renewed while the body runs. */
  public boolean keepAlive() {
    return keepAlive;
  }

  public boolean isValid() {
    return problem == null;
  }

  public String problem() {
    return problem;
  }

  /** Why the key is taken literally though it looks like a template; {@code null} when it is not. */
  public String keyProblem() {
    return keyProblem;
  }
}
