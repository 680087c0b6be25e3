package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.lock.LockAttributes;
import io.github.distlock.agent.core.lock.LockedMethod;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.modifier.Visibility;
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

  /**
   * Methods the programmer annotated. javac copies a method's annotations onto the bridge methods it generates for
   * it (a covariant return, a generic interface), and other compilers may do the same for their synthetic
   * methods: those only forward to the method that was annotated, so they are neither locked nor reported.
   */
  static ElementMatcher.Junction<MethodDescription> declared() {
    return ElementMatchers.isMethod()
        .and(ElementMatchers.isAnnotatedWith(ElementMatchers.named(NAME)))
        .and(ElementMatchers.not(ElementMatchers.isBridge()))
        .and(ElementMatchers.not(ElementMatchers.isSynthetic()));
  }

  /** Annotated methods the advice can wrap: those with a body. */
  static ElementMatcher.Junction<MethodDescription> lockable() {
    return declared()
        .and(ElementMatchers.not(ElementMatchers.isAbstract()))
        .and(ElementMatchers.not(ElementMatchers.isNative()));
  }

  /**
   * A class file declaring the annotation as the annotations jar does, for reading an application's classes
   * where that jar is not at hand (a scan of {@code target/classes}): a class file reader leaves out annotations
   * whose type it cannot find. Attribute defaults are what {@link #attributes} relies on.
   */
  static byte[] standInClassFile() {
    return new ByteBuddy().makeAnnotation().name(NAME)
        .defineMethod("key", String.class, Visibility.PUBLIC).withoutCode()
        .defineMethod("ttl", String.class, Visibility.PUBLIC).defaultValue("", String.class)
        .defineMethod("lockAtLeastFor", String.class, Visibility.PUBLIC).defaultValue("0", String.class)
        .defineMethod("keepAlive", boolean.class, Visibility.PUBLIC).defaultValue(false, boolean.class)
        .make().getBytes();
  }

  static LockAttributes attributes(MethodDescription method) {
    AnnotationDescription annotation = of(method);
    return new LockAttributes(
        annotation.getValue("key").resolve(String.class),
        annotation.getValue("ttl").resolve(String.class),
        annotation.getValue("lockAtLeastFor").resolve(String.class),
        annotation.getValue("keepAlive").resolve(Boolean.class),
        parameterNames(method));
  }

  /** The method's parameter names, {@code null} where the class file records none: a key may name them. */
  static List<String> parameterNames(MethodDescription method) {
    List<String> names = new ArrayList<>();
    for (ParameterDescription parameter : method.getParameters()) {
      names.add(parameter.isNamed() ? parameter.getName() : null);
    }
    return names;
  }

  static LockedMethod method(MethodDescription method) {
    return new LockedMethod(method.getDeclaringType().asErasure().getName(), method.getName(),
        method.getDescriptor());
  }

  private static AnnotationDescription of(MethodDescription method) {
    for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
      if (annotation.getAnnotationType().getName().equals(NAME)) {
        return annotation;
      }
    }
    throw new IllegalArgumentException(method + " is not annotated with @" + NAME);
  }
}
