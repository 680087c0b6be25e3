package io.github.distlock;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the agent's bootstrap bridge by name: this jar cannot depend on the agent, and the bridge sits on the
 * bootstrap class path where every class loader can see it. Without the agent every call takes the no-agent path,
 * and the bridge is looked for again at most once a second, so that the facade starts working once the agent is
 * attached to the running JVM.
 */
final class AgentLink {

  private static final MethodType FLAG = MethodType.methodType(boolean.class);
  private static final long LOOKUP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private static volatile Handles handles = Handles.find();
  private static volatile long nextLookup = System.nanoTime() + LOOKUP_INTERVAL_NANOS;

  private AgentLink() {}

  static boolean isActive() {
    return current() != null;
  }

  static boolean acquire(String key, long ttlMs) {
    Handles bridge = current();
    if (bridge == null || bridge.acquire == null) {
      if (WARNED.compareAndSet(false, true)) {
        System.err.println(
            "[distlock] WARN DistributedLocks.acquireLock(\"" + key + "\") granted without a lock: the distlock"
                + " agent is not attached (add -javaagent:distlock-agent.jar)");
      }
      return true;
    }
    try {
      return (boolean) bridge.acquire.invokeExact(key, ttlMs);
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  static boolean release(String key) {
    Handles bridge = current();
    if (bridge == null || bridge.release == null) {
      return false;
    }
    try {
      return (boolean) bridge.release.invokeExact(key);
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  static boolean isConnected() {
    Handles bridge = current();
    if (bridge == null || bridge.isConnected == null) {
      return false;
    }
    try {
      return (boolean) bridge.isConnected.invokeExact();
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  static boolean holdsLock() {
    Handles bridge = current();
    if (bridge == null || bridge.holdsLock == null) {
      return false;
    }
    try {
      return (boolean) bridge.holdsLock.invokeExact();
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  /**
   * The current thread's fencing token (positive), or the bridge's answer why there is none: 0 outside a lock or
   * without the agent, -1 when the lock is no longer this call's, -2 when Redis could not answer.
   */
  static long fencingToken() {
    Handles bridge = current();
    if (bridge == null || bridge.fencingToken == null) {
      return 0;
    }
    try {
      return (long) bridge.fencingToken.invokeExact();
    } catch (Throwable t) {
      throw bridgeFailure(t);
    }
  }

  private static Handles current() {
    Handles found = handles;
    if (found == null && System.nanoTime() - nextLookup >= 0) {
      nextLookup = System.nanoTime() + LOOKUP_INTERVAL_NANOS;
      found = Handles.find();
      handles = found;
    }
    return found;
  }

  // The bridge catches its own failures; reaching this means a broken installation, which deserves a loud error.
  private static IllegalStateException bridgeFailure(Throwable t) {
    return new IllegalStateException("distlock agent bridge failed", t);
  }

  /** The bridge's methods; a handle is {@code null} when the agent's version lacks that method. */
  private static final class Handles {

    final MethodHandle acquire;
    final MethodHandle release;
    final MethodHandle isConnected;
    final MethodHandle holdsLock;
    final MethodHandle fencingToken;

    private Handles(Class<?> bridge) {
      acquire = handle(bridge, "acquire", FLAG.appendParameterTypes(String.class, long.class));
      release = handle(bridge, "release", FLAG.appendParameterTypes(String.class));
      isConnected = handle(bridge, "isConnected", FLAG);
      holdsLock = handle(bridge, "holdsLock", FLAG);
      fencingToken = handle(bridge, "fencingToken", MethodType.methodType(long.class));
    }

    /** The bridge's handles, or {@code null} while no agent runs in this JVM. */
    static Handles find() {
      try {
        return new Handles(Class.forName("io.github.distlock.bootstrap.LockBridge", true, null));
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      }
    }

    private static MethodHandle handle(Class<?> bridge, String name, MethodType type) {
      try {
        return MethodHandles.publicLookup().findStatic(bridge, name, type);
      } catch (ReflectiveOperationException e) {
        // A bridge without this method belongs to another distlock version; failing here would break every use of
        // the facade, so say it loudly and let this one method answer as without the agent.
        System.err.println("[distlock] ERROR the distlock agent has no " + name + type + ": the agent and"
            + " distlock-annotations versions differ; DistributedLocks." + name + " answers as without the agent");
        return null;
      }
    }
  }
}
