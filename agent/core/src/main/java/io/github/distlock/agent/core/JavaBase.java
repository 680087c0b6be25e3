package io.github.distlock.agent.core;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Opens a package of {@code java.base} to the agent's own class loader, and to nothing else, through the
 * {@code Instrumentation} instance (Java 9 and later; on Java 8 every package is reachable by reflection anyway).
 * The agent is compiled for Java 8, so the module API is called reflectively.
 */
final class JavaBase {

  private JavaBase() {}

  /** Java 8, which has no modules: every package is reachable by reflection there. */
  static boolean isJava8() {
    return System.getProperty("java.specification.version").startsWith("1.");
  }

  /** Lets the agent's classes reach {@code packageName}'s public types ({@code deep}: and every member). */
  static void grant(Instrumentation instrumentation, String packageName, boolean deep)
      throws ReflectiveOperationException {
    if (isJava8()) {
      return;
    }
    Method getModule = Class.class.getMethod("getModule");
    Object javaBase = getModule.invoke(Object.class);
    Map<String, Set<Object>> grant =
        Collections.singletonMap(packageName, Collections.singleton(getModule.invoke(JavaBase.class)));
    Instrumentation.class.getMethod("redefineModule", Class.forName("java.lang.Module"), Set.class, Map.class,
        Map.class, Set.class, Map.class).invoke(instrumentation, javaBase, Collections.emptySet(),
        deep ? Collections.emptyMap() : grant, deep ? grant : Collections.emptyMap(), Collections.emptySet(),
        Collections.emptyMap());
  }
}
