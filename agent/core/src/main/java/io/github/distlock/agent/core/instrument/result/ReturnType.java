package io.github.distlock.agent.core.instrument.result;

import net.bytebuddy.description.method.MethodDescription;

/**
 * What a locked method declares it returns. Names come from the method's descriptor: resolving a type needs its
 * class file, and a return type the application's class path lacks must not keep the class's other methods from
 * being locked.
 */
public final class ReturnType {

  private final MethodDescription method;
  private final String name;

  private ReturnType(MethodDescription method, String name) {
    this.method = method;
    this.name = name;
  }

  public static ReturnType of(MethodDescription method) {
    String descriptor = method.getDescriptor();
    String returned = descriptor.substring(descriptor.lastIndexOf(')') + 1);
    // A class name; empty for a primitive, void or an array.
    String name = returned.startsWith("L") ? returned.substring(1, returned.length() - 1).replace('/', '.') : "";
    return new ReturnType(method, name);
  }

  /** The declared type's name, such as {@code java.util.Optional}; empty for a primitive, void or an array. */
  public String name() {
    return name;
  }

  MethodDescription method() {
    return method;
  }

  /** Whether the type is a primitive, void, an array or a {@code java.lang} class: nothing that settles later. */
  boolean isLanguageType() {
    return name.isEmpty() || name.startsWith("java.lang.");
  }

  /**
   * Whether the type is {@code to} or a subtype. Resolving its hierarchy reads class files through the method's
   * class loader; a type that cannot be found there is not one the agent could follow anyway.
   */
  boolean isA(Class<?> to) {
    try {
      return method.getReturnType().asErasure().isAssignableTo(to);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
