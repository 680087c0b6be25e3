package io.github.distlock.agent.core;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;

/**
 * Defines the bridge classes in the boot class loader, where the advice inlined into application classes of any
 * class loader can reach them, without appending a jar to the bootstrap class path: the JVM answers such an append
 * by limiting class-data sharing to JDK classes and printing a warning into every application's output.
 *
 * <p>It must not refer to a bridge type itself: it runs before they exist. premain calls it first, and falls back to
 * the append should it fail.
 */
public final class BootstrapBridge {

  private BootstrapBridge() {}

  /**
   * Defines {@code classes}, in their order, in the boot loader.
   *
   * @param classes binary class names and their class files; supertypes first
   * @return whether every class is defined; on {@code false}, none is known to be usable
   */
  public static boolean define(Instrumentation instrumentation, List<Map.Entry<String, byte[]>> classes) {
    try {
      Object unsafe = internalUnsafe(instrumentation);
      Method defineClass = unsafe.getClass().getMethod("defineClass", String.class, byte[].class, int.class,
          int.class, ClassLoader.class, ProtectionDomain.class);
      for (Map.Entry<String, byte[]> type : classes) {
        byte[] bytes = type.getValue();
        defineClass.invoke(unsafe, type.getKey(), bytes, 0, bytes.length, null, null);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  // Java 9 and later: java.base's internal Unsafe, once its package is exported to the agent's own loader (not the
  // application's). Java 8: sun.misc.Unsafe.
  private static Object internalUnsafe(Instrumentation instrumentation) throws ReflectiveOperationException {
    if (JavaBase.isJava8()) {
      Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return field.get(null);
    }
    JavaBase.grant(instrumentation, "jdk.internal.misc", false);
    return Class.forName("jdk.internal.misc.Unsafe").getMethod("getUnsafe").invoke(null);
  }
}
