package io.github.distlock.agent.core.instrument;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code @DistributedLock}, known by name only: the agent never loads the application's annotation class, and
 * reads the values from the class file.
 */
final class LockAnnotation {

  static final String NAME = "io.github.distlock.DistributedLock";

  /** How the annotation appears in a class file's constant pool. */
  static final String DESCRIPTOR = "Lio/github/distlock/DistributedLock;";

  private LockAnnotation() {}

  static ElementMatcher.Junction<MethodDescription> annotated() {
    return ElementMatchers.isAnnotatedWith(ElementMatchers.named(NAME));
  }

  /** Methods the advice can wrap: annotated and with a body. */
  static ElementMatcher.Junction<MethodDescription> lockable() {
    return ElementMatchers.isMethod().and(annotated())
        .and(ElementMatchers.not(ElementMatchers.isAbstract()))
        .and(ElementMatchers.not(ElementMatchers.isNative()));
  }

  static AnnotationDescription of(MethodDescription method) {
    for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
      if (annotation.getAnnotationType().getName().equals(NAME)) {
        return annotation;
      }
    }
    throw new IllegalArgumentException(method + " is not annotated with @" + NAME);
  }

  static String name(MethodDescription method) {
    return method.getDeclaringType().asErasure().getName() + "#" + method.getName();
  }
}
