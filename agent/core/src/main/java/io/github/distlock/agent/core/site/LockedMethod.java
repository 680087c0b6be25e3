package io.github.distlock.agent.core.site;

import net.bytebuddy.jar.asm.Type;

/**
 * Which method a lock site wraps, as named in its class file: the declaring class, the method name and its
 * descriptor, which together tell overloads apart.
 */
public final class LockedMethod {

  private final String className;
  private final String methodName;
  private final String descriptor;

  /**
   * @param className the binary name, such as {@code com.acme.Jobs$Nightly}
   * @param descriptor the JVM descriptor, such as {@code (I)Ljava/lang/String;}
   */
  public LockedMethod(String className, String methodName, String descriptor) {
    this.className = className;
    this.methodName = methodName;
    this.descriptor = descriptor;
  }

  /** {@code Class#method}: how messages name the method. */
  public String name() {
    return className + "#" + methodName;
  }

  /** {@code Class#method(descriptor)}: unique within one class loader. */
  public String signature() {
    return name() + descriptor;
  }

  /** {@code Class#method(long, java.lang.String)}: how a person tells overloads apart. */
  public String declaration() {
    return name() + parameterList();
  }

  /** {@code method(long, java.lang.String)}. */
  public String simpleDeclaration() {
    return methodName + parameterList();
  }

  private String parameterList() {
    StringBuilder list = new StringBuilder("(");
    Type[] parameters = Type.getArgumentTypes(descriptor);
    for (int i = 0; i < parameters.length; i++) {
      list.append(i == 0 ? "" : ", ").append(parameters[i].getClassName());
    }
    return list.append(')').toString();
  }

  @Override
  public String toString() {
    return signature();
  }
}
