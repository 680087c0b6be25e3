package io.github.distlock.agent.core.config;

import java.util.Collections;
import java.util.List;

/**
 * One entry of the config file's {@code locks:} list: a method named by class and method name (and, optionally,
 * parameter types) that gets a lock as if it carried {@code @DistributedLock} with these values. The class may
 * also be an interface or superclass, meaning every implementation of that method.
 */
public final class LockRule {

  private final String className;
  private final String methodName;
  private final List<String> parameterTypes;
  private final String key;
  private final String ttl;
  private final String lockAtLeastFor;
  private final boolean keepAlive;
  private final String failMode;
  private final String origin;

  /**
   * @param className binary name, such as {@code com.acme.Jobs$Nightly}
   * @param parameterTypes type names as Java writes them ({@code java.lang.String}, {@code int}, {@code byte[]}),
   *     or {@code null} for every overload
   * @param ttl empty for the configured default
   * @param failMode empty for the configured fail mode
   * @param origin file and line, for messages
   */
  LockRule(String className, String methodName, List<String> parameterTypes, String key, String ttl,
      String lockAtLeastFor, boolean keepAlive, String failMode, String origin) {
    this.className = className;
    this.methodName = methodName;
    this.parameterTypes = parameterTypes == null ? null : Collections.unmodifiableList(parameterTypes);
    this.key = key;
    this.ttl = ttl;
    this.lockAtLeastFor = lockAtLeastFor;
    this.keepAlive = keepAlive;
    this.failMode = failMode;
    this.origin = origin;
  }

  public String className() {
    return className;
  }

  public String methodName() {
    return methodName;
  }

  /** {@code null} when the rule covers every overload. */
  public List<String> parameterTypes() {
    return parameterTypes;
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

  /** As written, a {@code failMode} setting; empty for the configured one. */
  public String failMode() {
    return failMode;
  }

  /** {@code file:line} of the rule. */
  public String origin() {
    return origin;
  }

  /** {@code Class#method} or {@code Class#method(types)}, as written. */
  public String target() {
    return className + "#" + methodName + (parameterTypes == null ? "" : "(" + String.join(",", parameterTypes)
        + ")");
  }
}
