package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.site.LockAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Finds the methods of a type that get a lock, from their {@code @DistributedLock} or a lock rule of the config
 * file, with the values to lock them by. It is also where a lock that cannot work is reported: an annotation on an
 * abstract, interface or native method, or an annotation and a rule on the same method.
 */
final class LockedTypeMatcher {

  private final LockRuleMatcher rules;
  private final Consumer<String> warnings;

  /** @param warnings told of every lock that cannot work as written, a message naming the method */
  LockedTypeMatcher(LockRuleMatcher rules, Consumer<String> warnings) {
    this.rules = rules;
    this.warnings = warnings;
  }

  /** The type's lockable methods, in declaration order; empty when the type is to be left byte-for-byte alone. */
  Map<MethodDescription.InDefinedShape, LockAttributes> lockableMethods(TypeDescription type) {
    Map<MethodDescription.InDefinedShape, LockAttributes> lockable = new LinkedHashMap<>();
    rules.inspect(type);
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      LockAttributes rule = rules.attributesFor(type, method);
      if (LockAnnotation.lockable().matches(method)) {
        lockable.put(method, LockAnnotation.attributes(method));
        if (rule != null) {
          warnings.accept(LockAnnotation.method(method).name() + ": has both @DistributedLock and the " + rule.source()
              + "; the annotation wins");
        }
      } else if (rule != null) {
        lockable.put(method, rule);
      } else if (LockAnnotation.declared().matches(method)) {
        warnings.accept(LockAnnotation.method(method).name() + ": @DistributedLock on " + kind(method)
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
