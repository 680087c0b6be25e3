package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.AgentLog;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Finds the methods of a type that get a lock. It is also where an annotation that cannot work, on an abstract,
 * interface or native method, is reported: the one place that examines the type's methods anyway.
 */
final class LockedTypeMatcher {

  private final AgentLog log;

  LockedTypeMatcher(AgentLog log) {
    this.log = log;
  }

  /** The type's lockable methods, in declaration order; empty when the type is to be left byte-for-byte alone. */
  List<MethodDescription.InDefinedShape> lockableMethods(TypeDescription type) {
    List<MethodDescription.InDefinedShape> lockable = new ArrayList<>();
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (LockAnnotation.lockable().matches(method)) {
        lockable.add(method);
      } else if (LockAnnotation.declared().matches(method)) {
        log.warn(LockAnnotation.method(method).name() + ": @DistributedLock on " + kind(method)
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
