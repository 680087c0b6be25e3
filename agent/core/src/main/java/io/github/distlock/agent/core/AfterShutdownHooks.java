package io.github.distlock.agent.core;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * Runs a task once every application shutdown hook has finished: the JDK runs its own shutdown steps in numbered
 * slots, one after the other, and all {@code Runtime.addShutdownHook} hooks together in one of them, so a task in a
 * later slot cannot overtake a locked body that an application's graceful shutdown is still running. Reaching the
 * slots takes {@code java.lang}'s package-private {@code Shutdown.add}, opened to the agent's own class loader only.
 */
final class AfterShutdownHooks {

  // The JDK fills slots 0 to 2 (console, application hooks, delete-on-exit); the last ones are free.
  private static final int LAST_SLOT = 9;
  private static final int FIRST_FREE_SLOT = 3;

  private AfterShutdownHooks() {}

  /** Registers {@code task}; returns false, and registers nothing, when the JDK offers no free slot or no access. */
  static boolean register(Instrumentation instrumentation, Runnable task) {
    try {
      JavaBase.grant(instrumentation, "java.lang", true);
      Method add = Class.forName("java.lang.Shutdown")
          .getDeclaredMethod("add", int.class, boolean.class, Runnable.class);
      add.setAccessible(true);
      for (int slot = LAST_SLOT; slot >= FIRST_FREE_SLOT; slot--) {
        try {
          add.invoke(null, slot, false, task);
          return true;
        } catch (ReflectiveOperationException e) {
          // Taken by someone else, or shutdown has begun: the next slot, or give up below.
        }
      }
      return false;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
