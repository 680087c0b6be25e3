package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.site.LockAttributes;
import io.github.distlock.agent.core.site.LockedMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
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

  /** The type of the annotation's {@code failMode} attribute. */
  static final String FAIL_MODE_NAME = "io.github.distlock.FailMode";

  /** The {@code failMode} constant that leaves the fail mode to the agent's setting. */
  private static final String AS_CONFIGURED = "AS_CONFIGURED";

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
   * Class files declaring the annotation and its {@code FailMode} as the annotations jar does, by type name, for
   * reading an application's classes where that jar is not at hand (a scan of {@code target/classes}): a class
   * file reader leaves out annotations whose type it cannot find. Attribute defaults are what {@link #attributes}
   * relies on.
   */
  static Map<String, byte[]> standInClassFiles() {
    DynamicType.Unloaded<?> failMode = new ByteBuddy().makeEnumeration(AS_CONFIGURED, "OPEN", "CLOSED", "LAST_HOLDER")
        .name(FAIL_MODE_NAME).make();
    TypeDescription failModeType = failMode.getTypeDescription();
    byte[] annotation = new ByteBuddy().makeAnnotation().name(NAME)
        .defineMethod("key", String.class, Visibility.PUBLIC).withoutCode()
        .defineMethod("ttl", String.class, Visibility.PUBLIC).defaultValue("", String.class)
        .defineMethod("lockAtLeastFor", String.class, Visibility.PUBLIC).defaultValue("0", String.class)
        .defineMethod("keepAlive", boolean.class, Visibility.PUBLIC).defaultValue(false, boolean.class)
        .defineMethod("failMode", failModeType, Visibility.PUBLIC)
        .defaultValue(AnnotationValue.ForEnumerationDescription.of(
            new EnumerationDescription.Latent(failModeType, AS_CONFIGURED)))
        .make().getBytes();
    Map<String, byte[]> classFiles = new LinkedHashMap<>();
    classFiles.put(NAME, annotation);
    classFiles.put(FAIL_MODE_NAME, failMode.getBytes());
    return classFiles;
  }

  static LockAttributes attributes(MethodDescription method) {
    AnnotationDescription annotation = of(method);
    return new LockAttributes(
        annotation.getValue("key").resolve(String.class),
        annotation.getValue("ttl").resolve(String.class),
        annotation.getValue("lockAtLeastFor").resolve(String.class),
        annotation.getValue("keepAlive").resolve(Boolean.class),
        failMode(annotation),
        parameterNames(method));
  }

  /**
   * The {@code failMode} constant's name, empty for {@code AS_CONFIGURED} and for an annotations jar older than the
   * attribute; {@code "?"} when the constant cannot be read, so that the site reports it.
   */
  private static String failMode(AnnotationDescription annotation) {
    if (annotation.getAnnotationType().getDeclaredMethods().filter(ElementMatchers.named("failMode")).isEmpty()) {
      return "";
    }
    try {
      String constant = annotation.getValue("failMode").resolve(EnumerationDescription.class).getValue();
      return constant.equals(AS_CONFIGURED) ? "" : constant;
    } catch (RuntimeException e) {
      // A constant this agent does not know (a newer annotations jar), or a type that is not the expected enum.
      return "?";
    }
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
