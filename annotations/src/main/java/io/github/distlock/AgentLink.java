package io.github.distlock;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the agent's bootstrap bridge, once, by name: this jar cannot depend on the agent, and the bridge sits on
 * the bootstrap class path where every class loader can see it. Each handle is {@code null} without the agent.
 */
final class AgentLink {

  private static final Class<?> BRIDGE = bridge();
  private static final MethodType FLAG = MethodType.methodType(boolean.class);

  private static final MethodHandle ACQUIRE = handle("acquire", FLAG.appendParameterTypes(String.class, long.class));
  private static final MethodHandle RELEASE = handle("release", FLAG.appendParameterTypes(String.class));
  private static final MethodHandle IS_CONNECTED = handle("isConnected", FLAG);
  private static final MethodHandle HOLDS_LOCK = handle("holdsLock", FLAG);
  private static final MethodHandle FENCING_TOKEN = handle("fencingToken", MethodType.methodType(long.class));
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private AgentLink() {}

  static boolean isActive() {
    return ACQUIRE != null;
  }

  static boolean acquire(String key, long ttlMs) {
    if (ACQUIRE == null) {
      if (WARNED.compareAndSet(false, true)) {
        System.err.println(
            "[distlock] WARN DistributedLocks.acquireLock(\"" + key + "\") granted without a lock: the distlock"
                + " agent is not attached (add -javaagent:distlock-agent.jar)");
      }
      return true;
    }
    try {
      return (boolean) ACQUIRE.invokeExact(key, ttlMs);
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  static boolean release(String key) {
    if (RELEASE == null) {
      return false;
    }
    try {
      return (boolean) RELEASE.invokeExact(key);
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  static boolean isConnected() {
    if (IS_CONNECTED == null) {
      return false;
    }
    try {
      return (boolean) IS_CONNECTED.invokeExact();
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  static boolean holdsLock() {
    if (HOLDS_LOCK == null) {
      return false;
    }
    try {
      return (boolean) HOLDS_LOCK.invokeExact();
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  /**
   * The current thread's fencing token (positive), or the bridge's answer why there is none: 0 outside a lock or
   * without the agent, -1 when the lock is no longer this call's, -2 when Redis could not answer.
   */
  static long fencingToken() {
    if (FENCING_TOKEN == null) {
      return 0;
    }
    try {
      return (long) FENCING_TOKEN.invokeExact();
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  private static Class<?> bridge() {
    try {
      return Class.forName("io.github.distlock.bootstrap.LockBridge", true, null);
    } catch (ClassNotFoundException | LinkageError e) {
      // No agent attached: every call takes the no-agent path.
      return null;
    }
  }

  private static MethodHandle handle(String name, MethodType type) {
    if (BRIDGE == null) {
      return null;
    }
    try {
      return MethodHandles.publicLookup().findStatic(BRIDGE, name, type);
    } catch (ReflectiveOperationException e) {
      // A bridge without this method belongs to another distlock version; failing here would break every use of
      // the facade, so say it loudly and let this one method answer as without the agent.
      System.err.println("[distlock] ERROR the distlock agent has no " + name + type + ": the agent and"
          + " distlock-annotations versions differ; DistributedLocks." + name + " answers as without the agent");
      return null;
    }
  }

  // The bridge catches its own failures; reaching this means a broken installation, which deserves a loud error.
  private static IllegalStateException bridgeFailure(Throwable t) {
    return new IllegalStateException("distlock agent bridge failed", t);
  }
}
