package io.github.distlock;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the agent's bootstrap bridge, once, by name: this jar cannot depend on the agent, and the bridge sits on
 * the bootstrap class path where every class loader can see it.
 */
final class AgentLink {

  private static final String BRIDGE = "io.github.distlock.bootstrap.LockBridge";

  private static final MethodHandle ACQUIRE;
  private static final MethodHandle RELEASE;
  private static final MethodHandle IS_CONNECTED;
  private static final MethodHandle HOLDS_LOCK;
  private static final MethodHandle FENCING_TOKEN;
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  static {
    MethodHandle[] handles = resolveBridge();
    ACQUIRE = handles == null ? null : handles[0];
    RELEASE = handles == null ? null : handles[1];
    IS_CONNECTED = handles == null ? null : handles[2];
    HOLDS_LOCK = handles == null ? null : handles[3];
    FENCING_TOKEN = handles == null ? null : handles[4];
  }

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

  /** The current thread's fencing token, or 0 outside a lock or without the agent. */
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

  private static MethodHandle[] resolveBridge() {
    try {
      Class<?> bridge = Class.forName(BRIDGE, true, null);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodType flag = MethodType.methodType(boolean.class);
      return new MethodHandle[] {
        lookup.findStatic(bridge, "acquire", flag.appendParameterTypes(String.class, long.class)),
        lookup.findStatic(bridge, "release", flag.appendParameterTypes(String.class)),
        lookup.findStatic(bridge, "isConnected", flag),
        lookup.findStatic(bridge, "holdsLock", flag),
        lookup.findStatic(bridge, "fencingToken", MethodType.methodType(long.class))
      };
    } catch (ReflectiveOperationException | LinkageError e) {
      // No agent attached: every call takes the no-agent path.
      return null;
    }
  }

  // The bridge catches its own failures; reaching this means a broken installation, which deserves a loud error.
  private static IllegalStateException bridgeFailure(Throwable t) {
    return new IllegalStateException("distlock agent bridge failed", t);
  }
}
