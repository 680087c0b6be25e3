package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.LockBridge;

/**
 * What an application class loader links the name {@code io.github.distlock.bootstrap.LockBridge} to. Inlined
 * advice calls that class through the loader of the class it is woven into; the agent puts it on the boot class
 * path, which every standard loader delegates to, but module systems such as OSGi and JBoss Modules delegate
 * only the packages they are told to.
 */
enum BridgeLink {
  /** The agent's bridge: locks work. */
  LINKED("", ""),
  /** Not found: every call into the bridge fails. */
  MISSING("cannot see " + LockBridge.class.getName() + " on the boot class path",
      "make the loader delegate the package " + BridgeLink.PACKAGE + " to the boot class loader (OSGi: add it to"
          + " org.osgi.framework.bootdelegation; JBoss Modules and WildFly: add it to -Djboss.modules.system.pkgs)"),
  /** Another copy, whose runtime is never installed: every call would be decided by that copy, not the agent. */
  FOREIGN_COPY("loads its own copy of " + LockBridge.class.getName() + " instead of the agent's on the boot class"
      + " path", "remove distlock-agent.jar from the application's class path; the -javaagent option is enough");

  private static final String PACKAGE = "io.github.distlock.bootstrap";

  private final String problem;
  private final String fix;

  BridgeLink(String problem, String fix) {
    this.problem = problem;
    this.fix = fix;
  }

  /**
   * Asks {@code loader} ({@code null}: the bootstrap loader) for the bridge through {@code loadClass}, as the JVM
   * will when the advice first runs. Unlike {@code Class.forName}, the question leaves nothing behind: the JVM
   * does not record the loader as having loaded the bridge.
   */
  static BridgeLink of(ClassLoader loader) {
    if (loader == null) {
      return LINKED;
    }
    Class<?> found;
    try {
      found = loader.loadClass(LockBridge.class.getName());
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return MISSING;
    }
    return found == LockBridge.class ? LINKED : FOREIGN_COPY;
  }

  String problem() {
    return problem;
  }

  String fix() {
    return fix;
  }
}
