package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.AgentLog;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Decides whether a type declares at least one lockable method. It is also where an annotation that cannot work,
 * on an abstract, interface or native method, is reported: the one place that examines the type's methods anyway.
 * A type with nothing to lock is left byte-for-byte alone.
 */
final class LockedTypeMatcher {

  private final AgentLog log;

  LockedTypeMatcher(AgentLog log) {
    this.log = log;
  }

  boolean hasLockableMethod(TypeDescription type) {
    boolean lockable = false;
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (LockAnnotation.lockable().matches(method)) {
        lockable = true;
      } else if (LockAnnotation.annotated().matches(method)) {
        log.warn(LockAnnotation.name(method) + ": @DistributedLock on " + kind(method)
            + " method has no effect; annotate the method that has the body");
      }
    }
    return lockable;
  }

  private static String kind(MethodDescription method) {
    if (method.isNative()) {
      return "a native";
    }
    return method.getDeclaringType().isInterface() ? "an interface" : "an abstract";
  }
}
